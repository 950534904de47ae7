import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/aws/replay/fixture.js';
import { diagnoseFixture, fixtureDir, fixtureWith } from '../helpers/replay.js';

const STRAY = 'crawler-stray-file';
const SCHEMA = 'crawler-schema-change';
const OOM = 'crawler-oom';
const HEALTHY = 'crawler-healthy-multi';

function scenarioOf(name: string): Scenario {
  return JSON.parse(readFileSync(join(fixtureDir(name), 'scenario.json'), 'utf8')) as Scenario;
}

describe('Glue crawler fixtures say what their scenario.json expects', () => {
  it.each([STRAY, SCHEMA, OOM, HEALTHY])('%s', async (name) => {
    const expected = scenarioOf(name).expect!;
    const { report } = await diagnoseFixture(fixtureDir(name));
    expect(report.outcome).toBe(expected.outcome);
    if (expected.top) expect(report.findings[0]?.symptom).toBe(expected.top);
    for (const also of expected.also ?? []) expect(report.findings.map((f) => f.symptom)).toContain(also);
    expect(report.target).toEqual(scenarioOf(name).target);
  });
});

describe('Glue crawler fetcher, through the replay endpoint', () => {
  it('reads the crawler, its history, metrics, last crawl log, tables and an S3 sample', async () => {
    const { evidence } = await diagnoseFixture(fixtureDir(STRAY));
    const crawler = evidence.crawler!;
    expect(crawler).toMatchObject({
      name: 'orders-raw-crawler',
      state: 'READY',
      databaseName: 'sales_raw',
      recrawlBehavior: 'CRAWL_EVERYTHING',
      schemaChangePolicy: { updateBehavior: 'UPDATE_IN_DATABASE', deleteBehavior: 'DEPRECATE_IN_DATABASE' },
      s3Targets: [{ path: 's3://acme-sales-data/orders/', exclusions: ['**/_SUCCESS'] }],
      lastCrawl: { status: 'SUCCEEDED', messagePrefix: '5d2f8c1e-7a41-4b0e-9d63-2f1a8e4c7b90' },
      metrics: { tablesCreated: 4, tablesDeleted: 1 },
    });
    expect(crawler.configurationJson).toEqual({
      Version: 1,
      CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
    });
    expect(crawler.history?.[0]?.summary).toMatchObject({ tablesAdded: 4, tablesDeleted: 1 });
    expect(crawler.history?.[0]?.summary?.tableNames).toContain('dt_2026_11_19');
    // Two GetTables pages; the other crawler's table and the manual one are left out.
    expect(crawler.tables?.map((t) => t.name)).toEqual([
      'dt_2026_11_17',
      'dt_2026_11_18',
      'dt_2026_11_19',
      'dt_2026_11_20',
    ]);
    expect(crawler.tablesScanned).toBe(6);
    expect(
      crawler.s3Listings?.find((l) => l.prefix === 's3://acme-sales-data/orders/')?.folders,
    ).toHaveLength(4);
    const odd = crawler.s3Listings?.find((l) => l.prefix === 's3://acme-sales-data/orders/dt=2026-11-19/');
    expect(odd?.objects.map((o) => o.name)).toContain('orders_export_2026-11-19.csv');
    expect(evidence.status).toMatchObject({ state: 'SUCCEEDED', failed: false, source: 'glue-api' });
    expect(evidence.sources.map((s) => [s.name, s.status])).toEqual([
      ['glue:GetCrawler', 'ok'],
      ['glue:ListCrawls', 'ok'],
      ['glue:GetCrawlerMetrics', 'ok'],
      ['logs:/aws-glue/crawlers', 'ok'],
      ['glue:GetTables', 'ok'],
      ['s3:ListObjectsV2', 'ok'],
    ]);
  });

  it("reads only the last crawl's lines, with role crawler", async () => {
    const { evidence } = await diagnoseFixture(fixtureDir(STRAY));
    const crawlHits = evidence.hits.filter((h) => h.source === 'cloudwatch-logs');
    expect(crawlHits.length).toBeGreaterThan(0);
    expect(
      crawlHits.every((h) => h.role === 'crawler' && h.location === '/aws-glue/crawlers/orders-raw-crawler'),
    ).toBe(true);
    expect(crawlHits.every((h) => h.text.startsWith('[5d2f8c1e-'))).toBe(true);
    expect(evidence.hitCounts['crawler-table-created']).toBe(4);
    expect(evidence.hitCounts['crawler-multiple-tables'] ?? 0).toBe(0);
    expect(evidence.hitCounts['crawler-schema-mismatch']).toBe(2);
  });

  it('stops at the log budget and says the read was partial', async () => {
    const { evidence } = await diagnoseFixture(fixtureDir(STRAY), undefined, { maxLogBytes: 300 });
    const logs = evidence.sources.find((s) => s.name === 'logs:/aws-glue/crawlers');
    expect(logs).toMatchObject({ status: 'ok', truncated: true });
    expect(logs?.detail).toMatch(/budget/);
  });

  it('reads partitions only where the verdict needs their schemas', async () => {
    const { evidence: changed } = await diagnoseFixture(fixtureDir(SCHEMA));
    const events = changed.crawler?.tables?.find((t) => t.name === 'events');
    expect(events?.partitions).toHaveLength(12);
    expect(changed.sources.find((s) => s.name === 'glue:GetPartitions')).toMatchObject({
      status: 'ok',
      items: 12,
    });
    const { evidence: healthy } = await diagnoseFixture(fixtureDir(HEALTHY));
    expect(healthy.sources.map((s) => s.name)).not.toContain('glue:GetPartitions');
    expect(healthy.crawler?.tables).toHaveLength(3);
  });

  it('marks a FAILED crawl as failed and feeds its ErrorMessage to the scanner', async () => {
    const { evidence, report } = await diagnoseFixture(fixtureDir(OOM));
    expect(evidence.status).toMatchObject({
      state: 'FAILED',
      failed: true,
      message: 'Internal Service Exception',
    });
    const fromApi = evidence.hits.filter((h) => h.source === 'glue-api');
    expect(fromApi.map((h) => h.location)).toContain(
      'glue:GetCrawler clickstream-crawler LastCrawl.ErrorMessage',
    );
    // The crawler's own OutOfMemoryError is not a Spark executor's or driver's.
    expect(report.findings.map((f) => f.symptom)).not.toContain('executor-oom');
    expect(report.findings.map((f) => f.symptom)).not.toContain('driver-oom');
  });

  it('degrades, and goes on, when ListCrawls is denied (older accounts)', async () => {
    const dir = fixtureWith(STRAY, [
      {
        service: 'glue',
        operation: 'ListCrawls',
        input: { CrawlerName: 'orders-raw-crawler' },
        error: {
          code: 'AccessDeniedException',
          message:
            'User: arn:aws:sts::111122223333:assumed-role/oncall/me is not authorized to perform: glue:ListCrawls',
          status: 400,
        },
      },
    ]);
    const { evidence, report } = await diagnoseFixture(dir);
    expect(report.sources.find((s) => s.name === 'glue:ListCrawls')?.status).toBe('denied');
    expect(evidence.crawler?.history).toBeUndefined();
    expect(report.outcome).toBe('problem');
    expect(report.findings[0]?.symptom).toBe('crawler-duplicate-tables');
  });

  it('still names a split from the crawl log when GetTables is denied', async () => {
    const dir = fixtureWith(STRAY, [
      {
        service: 'glue',
        operation: 'GetTables',
        input: { DatabaseName: 'sales_raw' },
        error: {
          code: 'AccessDeniedException',
          message: 'not authorized to perform: glue:GetTables',
          status: 400,
        },
      },
    ]);
    const { report } = await diagnoseFixture(dir);
    expect(report.sources.find((s) => s.name === 'glue:GetTables')?.status).toBe('denied');
    expect(report.findings[0]?.symptom).toBe('crawler-duplicate-tables');
    expect(report.findings[0]?.summary).toContain('dt_2026_11_17');
  });

  it('says so when the crawler is running a new crawl, and diagnoses the last finished one', async () => {
    const dir = fixtureWith(STRAY, [
      {
        service: 'glue',
        operation: 'GetCrawler',
        input: { Name: 'orders-raw-crawler' },
        output: {
          Crawler: {
            Name: 'orders-raw-crawler',
            DatabaseName: 'sales_raw',
            State: 'RUNNING',
            CrawlElapsedTime: 240000,
            Targets: { S3Targets: [{ Path: 's3://acme-sales-data/orders/', Exclusions: [] }] },
            LastCrawl: {
              Status: 'FAILED',
              ErrorMessage:
                'Service Principal: glue.amazonaws.com is not authorized to perform: glue:CreateTable',
              LogGroup: '/aws-glue/crawlers',
              LogStream: 'orders-raw-crawler',
              MessagePrefix: 'e07b4a92-1c5d-4f38-8a61-93d0b2f4c115',
              StartTime: '2026-11-19T02:00:03Z',
            },
          },
        },
      },
    ]);
    const { evidence, report } = await diagnoseFixture(dir);
    expect(evidence.status).toMatchObject({ state: 'FAILED', failed: true });
    expect(evidence.status?.message).toMatch(/RUNNING a new crawl now \(for 4 min\)/);
    expect(report.sources.find((s) => s.name === 'glue:GetCrawler')?.detail).toMatch(
      /a new crawl is running/,
    );
    // The previous crawl's lines only.
    expect(
      evidence.hits
        .filter((h) => h.source === 'cloudwatch-logs')
        .every((h) => h.text.startsWith('[e07b4a92-')),
    ).toBe(true);
  });

  it('a crawl that failed for a reason no symptom explains is an unclassified failure, never healthy', async () => {
    const dir = fixtureWith(HEALTHY, [
      {
        service: 'glue',
        operation: 'GetCrawler',
        input: { Name: 'lake-raw-crawler' },
        output: {
          Crawler: {
            Name: 'lake-raw-crawler',
            DatabaseName: 'lake_raw',
            State: 'READY',
            Targets: { S3Targets: [{ Path: 's3://acme-lake/raw/', Exclusions: [] }] },
            LastCrawl: {
              Status: 'FAILED',
              ErrorMessage:
                'Unable to read schema of s3://acme-lake/raw/customers/customers.csv: malformed header',
              LogGroup: '/aws-glue/crawlers',
              LogStream: 'lake-raw-crawler',
              MessagePrefix: 'e6b19d30-8c4f-4a27-9f03-5d2e7a1c4b86',
              StartTime: '2026-11-20T03:00:04Z',
            },
          },
        },
      },
    ]);
    const { report } = await diagnoseFixture(dir);
    expect(report.outcome).toBe('problem');
    expect(report.findings.map((f) => f.symptom)).toEqual(['unclassified-failure']);
    expect(report.findings[0]?.summary).toContain('malformed header');
  });

  it('a crawler that is not there is a user error', async () => {
    await expect(
      diagnoseFixture(fixtureDir(STRAY), { kind: 'glue-crawler', crawlerName: 'no-such-crawler' }),
    ).rejects.toThrow(/Glue crawler no-such-crawler not found in region us-east-1/);
  });

  it('reads the log tail for the newest crawl when GetCrawler is denied', async () => {
    const dir = fixtureWith(OOM, [
      {
        service: 'glue',
        operation: 'GetCrawler',
        input: { Name: 'clickstream-crawler' },
        error: {
          code: 'AccessDeniedException',
          message: 'not authorized to perform: glue:GetCrawler',
          status: 400,
        },
      },
    ]);
    const { evidence, report } = await diagnoseFixture(dir);
    expect(report.sources.find((s) => s.name === 'glue:GetCrawler')?.status).toBe('denied');
    // ListCrawls stands in for LastCrawl.
    expect(evidence.status).toMatchObject({ state: 'FAILED', failed: true });
    expect(
      evidence.hits
        .filter((h) => h.source === 'cloudwatch-logs')
        .every((h) => h.text.startsWith('[c3e8f1a0-')),
    ).toBe(true);
    expect(report.findings[0]?.symptom).toBe('crawler-oom');
  });

  it('without GetCrawler and ListCrawls, reads the newest crawl from the log tail', async () => {
    const denied = (operation: string, input: Record<string, string>) => ({
      service: 'glue',
      operation,
      input,
      error: {
        code: 'AccessDeniedException',
        message: `not authorized to perform: glue:${operation}`,
        status: 400,
      },
    });
    const dir = fixtureWith(OOM, [
      denied('GetCrawler', { Name: 'clickstream-crawler' }),
      denied('ListCrawls', { CrawlerName: 'clickstream-crawler' }),
    ]);
    const { evidence, report } = await diagnoseFixture(dir);
    const logs = evidence.sources.find((s) => s.name === 'logs:/aws-glue/crawlers');
    expect(logs?.detail).toContain('crawl c3e8f1a0-4d27-4b9c-9e62-1a7d5f0b83c6');
    const lines = evidence.hits.filter((h) => h.source === 'cloudwatch-logs');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((h) => h.text.startsWith('[c3e8f1a0-'))).toBe(true);
    expect(report.findings[0]?.symptom).toBe('crawler-oom');
  });
});
