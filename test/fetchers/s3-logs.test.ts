import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClients, REPLAY_CREDENTIALS, type AwsClients } from '../../src/aws/clients.js';
import { startReplayServer, type ReplayServer } from '../../src/aws/replay/server.js';
import { EvidenceCollector } from '../../src/evidence/collector.js';
import { allSignals } from '../../src/matchers/index.js';
import {
  listS3,
  parseS3Uri,
  readObjects,
  summariseReads,
  type ObjectPlan,
} from '../../src/fetchers/s3-logs.js';
import { clearAwsEnv } from '../helpers/cli.js';
import { diagnoseFixture, fixtureDir, fixtureWith } from '../helpers/replay.js';

const BUCKET = 'aws-logs-111122223333-us-east-1';
const APP_DIR = 'elasticmapreduce/j-3HF8LD2M0QZ7C/containers/application_1795148467000_0012/';

function plan(key: string): ObjectPlan {
  return { location: { bucket: BUCKET, key }, scan: { role: 'executor' } };
}

describe('parseS3Uri', () => {
  it.each([
    ['s3://bucket/a/b/', { bucket: 'bucket', key: 'a/b/' }],
    [
      's3n://aws-logs-1-us-east-1/elasticmapreduce/',
      { bucket: 'aws-logs-1-us-east-1', key: 'elasticmapreduce/' },
    ],
    ['s3a://bucket', { bucket: 'bucket', key: '' }],
    [' s3://bucket/key.gz ', { bucket: 'bucket', key: 'key.gz' }],
  ])('%s', (uri, want) => {
    expect(parseS3Uri(uri)).toEqual(want);
  });

  it.each(['hdfs:///user/hadoop/', 'bucket/key', 's3://'])('rejects %s', (uri) => {
    expect(parseS3Uri(uri)).toBeUndefined();
  });
});

describe('reading S3 objects is streamed', () => {
  it('stops an endless gzip body at the budget instead of buffering it', async () => {
    let generated = 0;
    const lines = function* () {
      for (;;) {
        generated += 1;
        yield `26/11/20 03:00:00 INFO Executor: Finished task ${generated}.0 in stage 2.0 (TID ${generated}). 4718 bytes result sent to driver\n`;
      }
    };
    const clients = {
      s3: { send: async () => ({ Body: Readable.from(lines()).pipe(createGzip()) }) },
    } as unknown as AwsClients;
    const budget = { bytesLeft: 512 * 1024 };
    const collector = new EvidenceCollector(allSignals());
    const [read] = await readObjects(clients, [plan('endless.gz')], collector, budget, 1);
    expect(read).toMatchObject({ truncated: true, missing: false });
    expect(read!.error).toBeUndefined();
    expect(read!.bytes).toBeGreaterThanOrEqual(512 * 1024);
    expect(read!.bytes).toBeLessThan(2 * 1024 * 1024);
    expect(budget.bytesLeft).toBeLessThanOrEqual(0);
    // The producer stopped soon after: nothing read ahead beyond a few stream buffers.
    expect(generated * 100).toBeLessThan(16 * 1024 * 1024);
    expect(collector.linesScanned).toBeGreaterThan(1000);
  });

  it('skips objects once the budget is spent, and says so', async () => {
    const clients = {
      s3: { send: async () => ({ Body: Readable.from(['never read\n']) }) },
    } as unknown as AwsClients;
    const reads = await readObjects(
      clients,
      [plan('a'), plan('b')],
      new EvidenceCollector(allSignals()),
      { bytesLeft: 0 },
      2,
    );
    expect(reads.map((r) => r.skipped)).toEqual([true, true]);
    expect(summariseReads('s3://x/', reads, '2 objects')).toMatchObject({
      status: 'ok',
      truncated: true,
      items: 0,
      detail: expect.stringMatching(/budget/),
    });
  });

  it('marks a large gz log truncated in the diagnosis when --max-log-mb is small', async () => {
    const dir = fixtureWith('emr-output-exists', []);
    const stderr = join(
      dir,
      's3',
      BUCKET,
      'elasticmapreduce/j-2OUTX3S7K9Q1D/steps/s-2DLY0RD3RS5XT/stderr.gz',
    );
    const filler =
      '26/11/20 05:21:00 INFO Client: Application report for application_1795150964000_0004 (state: RUNNING)\n';
    const text = `${filler.repeat(200_000)}Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n`;
    writeFileSync(stderr, gzipSync(text));
    const { evidence } = await diagnoseFixture(dir, undefined, { maxLogBytes: 1024 * 1024 });
    const steps = evidence.sources.find((s) => s.name.endsWith('/steps/s-2DLY0RD3RS5XT/'));
    expect(steps).toMatchObject({ status: 'ok', truncated: true, detail: expect.stringMatching(/budget/) });
    expect(steps!.bytes!).toBeLessThan(text.length / 4);
    // The OutOfMemoryError at the end of the 20 MB object was never reached.
    expect(evidence.hitCounts['java-oom']).toBeUndefined();
    expect(evidence.linesScanned).toBeLessThan(200_000 / 4);
    // Containers come after the budget is spent: skipped, and the source says it.
    const containers = evidence.sources.find((s) => s.name.includes('/containers/'));
    expect(containers?.truncated).toBe(true);
  });
});

describe('S3 listing and object reads against the replay', () => {
  let server: ReplayServer;
  let clients: AwsClients;
  beforeAll(async () => {
    clearAwsEnv();
    const dir = fixtureWith('emr-yarn-overhead', []);
    const bad = join(dir, 's3', BUCKET, APP_DIR, 'container_1795148467000_0012_01_000099');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'stderr.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03]));
    server = await startReplayServer(dir, { pageSize: 3 });
    clients = createClients({
      endpointUrl: server.url,
      region: 'us-east-1',
      credentials: REPLAY_CREDENTIALS,
      retryDelayMs: 0,
    });
  });
  afterAll(async () => {
    clients?.destroy();
    await server?.close();
  });

  it('lists container folders with a delimiter across pages, up to a bound', async () => {
    const all = await listS3(clients, { bucket: BUCKET, key: APP_DIR }, { delimiter: '/', max: 1000 });
    expect(all.objects).toEqual([]);
    expect(all.prefixes).toHaveLength(14);
    expect(all.prefixes[0]).toBe(`${APP_DIR}container_1795148467000_0012_01_000001/`);
    expect(all.truncated).toBe(false);
    const some = await listS3(clients, { bucket: BUCKET, key: APP_DIR }, { delimiter: '/', max: 5 });
    expect(some.prefixes).toHaveLength(5);
    expect(some.truncated).toBe(true);
  });

  it('reads objects concurrently but merges their hits in plan order', async () => {
    const collector = new EvidenceCollector(allSignals());
    // The AM's log is the largest, so it finishes last; its hits must still come first.
    const keys = [
      `${APP_DIR}container_1795148467000_0012_01_000001/stderr.gz`,
      `${APP_DIR}container_1795148467000_0012_01_000013/stderr.gz`,
      'elasticmapreduce/j-3HF8LD2M0QZ7C/steps/s-2ZK3P9QW8M4RT/stderr.gz',
    ];
    const reads = await readObjects(clients, keys.map(plan), collector, { bytesLeft: 1e9 }, 3);
    expect(reads.every((r) => !r.error && !r.missing && r.lines > 0)).toBe(true);
    const order = [...new Set(collector.hits().map((h) => h.location))];
    expect(order).toEqual([`s3://${BUCKET}/${keys[0]}`, `s3://${BUCKET}/${keys[2]}`]);
    expect(collector.hits().every((h) => h.source === 's3' && h.role === 'executor')).toBe(true);
  });

  it('treats a missing key as absent, and a corrupt body as an error of that object only', async () => {
    const reads = await readObjects(
      clients,
      [
        plan(`${APP_DIR}container_1795148467000_0012_01_000002/syslog.gz`),
        plan(`${APP_DIR}container_1795148467000_0012_01_000099/stderr.gz`),
        plan(`${APP_DIR}container_1795148467000_0012_01_000002/stderr.gz`),
      ],
      new EvidenceCollector(allSignals()),
      { bytesLeft: 1e9 },
      3,
    );
    expect(reads[0]).toMatchObject({ missing: true });
    expect(reads[0]!.error).toBeUndefined();
    expect(reads[1]!.error).toMatchObject({ status: 'error', detail: expect.stringMatching(/^unreadable/) });
    expect(reads[2]).toMatchObject({ missing: false, truncated: false });
    const summary = summariseReads('s3://x/', reads, 'three objects');
    expect(summary).toMatchObject({ status: 'error', items: 1, truncated: true });
    expect(summary.detail).toMatch(
      /1 object unread \(container_1795148467000_0012_01_000099\/stderr\.gz: unreadable/,
    );
  });
});

describe('EMR container logs through the whole fetcher', () => {
  it('reads the AM first, then the containers that failure lines name', async () => {
    const { evidence } = await diagnoseFixture(fixtureDir('emr-yarn-overhead'));
    const firstByContainer = [...new Set(evidence.hits.filter((h) => h.container).map((h) => h.container))];
    expect(firstByContainer[0]).toMatch(/_000001$/);
    const source = evidence.sources.find((s) => s.name.includes('/containers/'));
    expect(source?.detail).toMatch(
      /^read 13 of 13 containers \(the ApplicationMaster first, then 4 named in failures\)$/,
    );
  });
});
