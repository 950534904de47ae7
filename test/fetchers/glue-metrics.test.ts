import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createClients, REPLAY_CREDENTIALS } from '../../src/aws/clients.js';
import type { RequestRecord } from '../../src/aws/replay/http-types.js';
import { startReplayServer, type ReplayServerOptions } from '../../src/aws/replay/server.js';
import { diagnose } from '../../src/engine/diagnose.js';
import type { Report } from '../../src/engine/report.js';
import type { Evidence } from '../../src/evidence/model.js';
import { collectEvidence } from '../../src/fetchers/index.js';
import { periodFor } from '../../src/fetchers/glue-metrics.js';
import { decompress } from '../../src/fetchers/compression.js';
import { parseS3Uri } from '../../src/fetchers/glue-event-log.js';
import type { Target } from '../../src/target.js';
import { clearAwsEnv } from '../helpers/cli.js';
import { fixtureDir } from '../helpers/replay.js';
import { lz4JavaStream, snappyJavaStream } from '../helpers/codecs.js';

interface Run {
  evidence: Evidence;
  report: Report;
  requests: RequestRecord[];
}

/** The real pipeline against a replayed fixture, recording every request the fetchers made. */
async function run(name: string, options: ReplayServerOptions = {}): Promise<Run> {
  clearAwsEnv();
  const requests: RequestRecord[] = [];
  const server = await startReplayServer(fixtureDir(name), {
    ...options,
    onRequest: (r) => requests.push(r),
  });
  const clients = createClients({
    endpointUrl: server.url,
    region: 'us-east-1',
    credentials: REPLAY_CREDENTIALS,
    retryDelayMs: 0,
  });
  try {
    const evidence = await collectEvidence(server.fixture.scenario!.target as Target, { clients });
    return { evidence, report: diagnose(evidence), requests };
  } finally {
    clients.destroy();
    await server.close();
  }
}

const source = (r: Run, name: string) => r.report.sources.find((s) => s.name === name);
const calls = (r: Run, operation: string) => r.requests.filter((q) => q.operation === operation).length;

describe('glue-skew-join: skew found from metrics and the S3 event log, the OOM as its effect', async () => {
  const r = await run('glue-skew-join');

  it('ranks data-skew first, with the executor OOM named as its effect', () => {
    expect(r.report.outcome).toBe('problem');
    const symptoms = r.report.findings.map((f) => f.symptom);
    expect(symptoms[0]).toBe('data-skew');
    expect(symptoms).toContain('executor-oom');
    const oom = r.report.findings.find((f) => f.symptom === 'executor-oom')!;
    expect(oom.causedBy).toBe('data-skew');
    expect(r.report.findings[0]!.explains).toContain('executor-oom');
  });

  it('names the skewed stage, its operation, max/median and the executor', () => {
    const skew = r.report.findings[0]!;
    expect(skew.summary).toContain('Stage 7 (join at orders_enrich.py:42)');
    expect(skew.summary).toContain('40x');
    expect(skew.summary).toContain('executor 5');
    expect(skew.evidence.map((e) => e.source)).toEqual(
      expect.arrayContaining(['spark-event-log', 'cloudwatch-metrics']),
    );
    const stage = skew.evidence.find((e) => e.source === 'spark-event-log')!;
    expect(stage.location).toMatch(
      /^s3:\/\/aws-glue-assets-111122223333-us-east-1\/sparkHistoryLogs\/spark-application-\d+\.lz4#stage-7\.0$/,
    );
    expect(stage.text).toContain('failed: java.lang.OutOfMemoryError: Java heap space');
    const metric = skew.evidence.find((e) => e.location.startsWith('Glue glue.driver.skewness.stage'))!;
    expect(metric.location).toBe(
      `Glue glue.driver.skewness.stage JobRunId=${r.evidence.glue!.run!.runId} Type=gauge ObservabilityGroup=job_performance`,
    );
    expect(metric.text).toMatch(/^max 2\.4 at \d\d:\d\d:\d\dZ \(\d+ datapoints ≥ 0\.5\)$/);
    expect(skew.playbook.fixes.length).toBeGreaterThan(0);
  });

  it('reads the run event log (lz4) chosen by start time and confirmed by the run id; not the older one', () => {
    const s = source(r, 's3:spark-event-log')!;
    expect(s.status).toBe('ok');
    expect(s.detail).toContain('lz4-compressed');
    expect(s.detail).toContain(`names run ${r.evidence.glue!.run!.runId}`);
    expect(r.evidence.stages?.map((x) => x.stageId)).toEqual([3, 5, 7]);
  });

  it('stores the metric series with stat, period, kind and scope', () => {
    const heap5 = r.evidence.metrics!.find((m) => m.name === 'glue.5.jvm.heap.usage')!;
    expect(heap5).toMatchObject({
      stat: 'Maximum',
      periodSec: 60,
      kind: 'heap-usage',
      scope: 'executor',
      executorId: '5',
      family: 'job-metrics',
    });
    expect(heap5.points.length).toBeGreaterThan(10);
    expect(r.report.metrics?.length).toBe(r.evidence.metrics!.length);
    expect(source(r, 'cloudwatch:Glue job metrics')).toMatchObject({ status: 'ok' });
    expect(source(r, 'cloudwatch:Glue observability metrics')).toMatchObject({ status: 'ok' });
  });
});

describe('metric calls', () => {
  it('discovers the run series with one ListMetrics and reads them with one GetMetricData when pages allow', async () => {
    const r = await run('glue-skew-join', { pageSizes: { metrics: 500, datapoints: 100_800, keys: 1000 } });
    expect(calls(r, 'ListMetrics')).toBe(1);
    expect(calls(r, 'GetMetricData')).toBe(1);
    expect(r.report.findings[0]!.symptom).toBe('data-skew');
  });

  it('follows NextToken through small pages to the same series', async () => {
    const small = await run('glue-skew-join');
    expect(calls(small, 'GetMetricData')).toBeGreaterThan(1);
    const big = await run('glue-skew-join', { pageSizes: { metrics: 500, datapoints: 100_800 } });
    expect(small.evidence.metrics).toEqual(big.evidence.metrics);
  });

  it('chooses a period CloudWatch still keeps for the run age', () => {
    const now = Date.UTC(2026, 10, 20);
    const hour = 3600_000;
    expect(periodFor(now - 2 * hour, now - hour, now)).toBe(60);
    expect(periodFor(now - 20 * 24 * hour, now - 20 * 24 * hour + hour, now)).toBe(300);
    expect(periodFor(now - 90 * 24 * hour, now - 90 * 24 * hour + hour, now)).toBe(3600);
    expect(periodFor(now - 50 * hour, now - 2 * hour, now) % 60).toBe(0);
    expect(periodFor(now - 50 * hour, now - 2 * hour, now)).toBeGreaterThan(60);
  });

  it('parses event log paths', () => {
    expect(parseS3Uri('s3://b/spark/logs')).toEqual({ bucket: 'b', prefix: 'spark/logs/' });
    expect(parseS3Uri('s3a://b/')).toEqual({ bucket: 'b', prefix: '' });
    expect(parseS3Uri('/local/path')).toBeUndefined();
  });
});

describe('glue-driver-heap-climb: the driver heap metric is the evidence', async () => {
  const r = await run('glue-driver-heap-climb');

  it('finds driver-oom from the climbing heap series with no OOM line', () => {
    const top = r.report.findings[0]!;
    expect(top.symptom).toBe('driver-oom');
    expect(top.summary).toContain('driver heap metric peaked at 0.99');
    expect(top.summary).toContain('climbing');
    const item = top.evidence.find((e) => e.location.startsWith('Glue glue.driver.jvm.heap.usage'))!;
    expect(item).toMatchObject({
      source: 'cloudwatch-metrics',
      location: `Glue glue.driver.jvm.heap.usage JobRunId=${r.evidence.glue!.run!.runId} Type=gauge`,
    });
    expect(item.text).toMatch(
      /^max 0\.99 at 04:\d\d:00Z \(\d+ datapoints ≥ 0\.9\), climbing through the run$/,
    );
    expect(r.report.findings.map((f) => f.symptom)).not.toContain('executor-oom');
  });
});

describe('glue-no-metrics: sources say what is missing and which argument enables it', async () => {
  const r = await run('glue-no-metrics');

  it('still diagnoses from the logs', () => {
    expect(r.report.findings[0]!.symptom).toBe('executor-oom');
    expect(r.evidence.metrics ?? []).toEqual([]);
  });

  it('records each missing family with the job argument that enables it', () => {
    expect(source(r, 'cloudwatch:Glue job metrics')).toMatchObject({ status: 'missing' });
    expect(source(r, 'cloudwatch:Glue job metrics')!.detail).toContain('--enable-metrics true');
    expect(source(r, 'cloudwatch:Glue observability metrics')!.detail).toContain('Glue 4.0');
    expect(source(r, 'cloudwatch:Glue observability metrics')!.detail).toContain(
      '--enable-observability-metrics true',
    );
    expect(source(r, 's3:spark-event-log')).toMatchObject({ status: 'missing' });
    expect(source(r, 's3:spark-event-log')!.detail).toContain('--enable-spark-ui true');
    expect(calls(r, 'GetJobBookmark')).toBe(0);
  });
});

describe('glue-bookmark-empty: a bookmarked run that SUCCEEDED reading nothing is a problem', async () => {
  const r = await run('glue-bookmark-empty');

  it('reports stale-bookmark on a succeeded run', () => {
    expect(r.report.status?.state).toBe('SUCCEEDED');
    expect(r.report.outcome).toBe('problem');
    const top = r.report.findings[0]!;
    expect(top.symptom).toBe('stale-bookmark');
    expect(top.summary).toContain('read 0 records');
    expect(top.summary).toContain('2 successful runs in a row have read nothing');
    expect(top.summary).toContain('aws glue reset-job-bookmark --job-name orders-incremental');
    expect(top.evidence.some((e) => e.location === 'glue:GetJobBookmark orders-incremental')).toBe(true);
    expect(
      top.evidence.some((e) => e.text.includes('After final job bookmarks filter, processing 0.00%')),
    ).toBe(true);
  });

  it('reads run history, the bookmark and records read per run', () => {
    const history = r.evidence.glue!.history!;
    expect(history).toHaveLength(5);
    expect(history.map((h) => h.recordsRead)).toEqual([0, 0, 48_210, 51_003, 49_403]);
    expect(r.evidence.glue!.bookmark).toMatchObject({
      state: 'saved',
      version: 19,
      sources: [{ ctx: 'datasource0', kind: 'HadoopDataSourceJobBookmarkState' }],
    });
    expect(source(r, 'glue:GetJobBookmark')).toMatchObject({ status: 'ok' });
    expect(source(r, 'cloudwatch:Glue reads per run')).toMatchObject({ status: 'ok' });
  });
});

describe('glue-bookmark-version-mismatch: concurrent runs race on the bookmark', async () => {
  const r = await run('glue-bookmark-version-mismatch');

  it('names the mismatch and the overlapping run', () => {
    const top = r.report.findings[0]!;
    expect(top.symptom).toBe('stale-bookmark');
    expect(top.summary).toContain('version mismatch');
    expect(top.summary).toContain('allows 3 concurrent runs');
    const overlap = r.evidence.glue!.history!.find(
      (h) => h.state === 'SUCCEEDED' && h.startedOn === '2026-11-20T02:58:40.000Z',
    )!;
    expect(top.summary).toContain(overlap.runId);
    expect(
      top.evidence.some((e) =>
        e.location.startsWith('Glue glue.error.GLUE_JOB_BOOKMARK_VERSION_MISMATCH_ERROR'),
      ),
    ).toBe(true);
    // The run fetcher already read the history (no run id given): it is not read twice.
    expect(calls(r, 'GetJobRuns')).toBe(1);
  });
});

describe('event log layouts in S3', () => {
  async function runDir(dir: string): Promise<Run> {
    clearAwsEnv();
    const requests: RequestRecord[] = [];
    const server = await startReplayServer(dir, { onRequest: (r) => requests.push(r) });
    const clients = createClients({
      endpointUrl: server.url,
      region: 'us-east-1',
      credentials: REPLAY_CREDENTIALS,
      retryDelayMs: 0,
    });
    try {
      const evidence = await collectEvidence(server.fixture.scenario!.target as Target, { clients });
      return { evidence, report: diagnose(evidence), requests };
    } finally {
      clients.destroy();
      await server.close();
    }
  }

  /** A copy of glue-skew-join whose event log can be rearranged. */
  function copyFixture(): { dir: string; logs: string; app: string } {
    const dir = mkdtempSync(join(tmpdir(), 'skew-rolling-'));
    cpSync(fixtureDir('glue-skew-join'), dir, { recursive: true });
    const logs = join(dir, 's3', 'aws-glue-assets-111122223333-us-east-1', 'sparkHistoryLogs');
    const file = readdirSync(logs).find((f) => f.endsWith('.lz4'))!;
    return { dir, logs, app: file.replace(/\.lz4$/, '') };
  }

  it('reads a rolling event log folder part by part, in part order, whatever each part is compressed with', async () => {
    const { dir, logs, app } = copyFixture();
    const lz4File = join(logs, `${app}.lz4`);
    const plain: Buffer[] = [];
    for await (const chunk of decompress(Readable.from([readFileSync(lz4File)]))) plain.push(chunk);
    const lines = Buffer.concat(plain).toString('utf8').split('\n');
    rmSync(lz4File);
    const folder = join(logs, `eventlog_v2_${app}`);
    mkdirSync(folder);
    const third = Math.floor(lines.length / 3);
    writeFileSync(join(folder, `events_1_${app}`), lines.slice(0, third).join('\n') + '\n');
    writeFileSync(
      join(folder, `events_2_${app}.snappy`),
      snappyJavaStream(Buffer.from(lines.slice(third, 2 * third).join('\n') + '\n')),
    );
    writeFileSync(
      join(folder, `events_10_${app}.lz4`),
      lz4JavaStream(Buffer.from(lines.slice(2 * third).join('\n'))),
    );
    writeFileSync(join(folder, `appstatus_${app}`), '');
    const r = await runDir(dir);
    expect(r.report.findings[0]!.symptom).toBe('data-skew');
    expect(r.evidence.stages?.map((s) => s.stageId)).toEqual([3, 5, 7]);
    const s = r.report.sources.find((x) => x.name === 's3:spark-event-log')!;
    expect(s.status).toBe('ok');
    expect(s.detail).toContain(`eventlog_v2_${app}/`);
  });

  it('says so when no application started during the run', async () => {
    const { dir, logs, app } = copyFixture();
    rmSync(join(logs, `${app}.lz4`));
    const r = await runDir(dir);
    const s = r.report.sources.find((x) => x.name === 's3:spark-event-log')!;
    expect(s.status).toBe('missing');
    expect(s.detail).toContain(
      'no event log under s3://aws-glue-assets-111122223333-us-east-1/sparkHistoryLogs/',
    );
    // The metrics alone still show the skew.
    expect(r.report.findings[0]!.symptom).toBe('data-skew');
  });
});
