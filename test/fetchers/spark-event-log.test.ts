import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvidenceCollector } from '../../src/evidence/collector.js';
import { emptyEvidence } from '../../src/evidence/model.js';
import {
  codecFromMagic,
  codecFromName,
  CorruptDataError,
  decompress,
  lz4DecodeBlock,
  snappyDecodeBlock,
  zstdAvailable,
} from '../../src/fetchers/compression.js';
import { fetchEventLogFiles } from '../../src/fetchers/event-logs.js';
import { SourceTracker } from '../../src/fetchers/sources.js';
import { parseEventLog, RESERVOIR, SparkEventLogParser } from '../../src/fetchers/spark-event-log.js';
import { allSignals } from '../../src/matchers/index.js';
import {
  lz4CompressBlock,
  lz4JavaStream,
  lzfStream,
  snappyCompressBlock,
  snappyJavaStream,
} from '../helpers/codecs.js';
import { ev, stageLines } from '../helpers/event-log.js';

const MIB = 1024 * 1024;
const T0 = Date.parse('2026-11-20T03:00:00Z');

/** A skewed join: 200 tasks of ~50 MiB and 20 s, task 137 with 2 GiB (40x) and 14 minutes. */
function skewedLog(): string {
  return [
    ev.logStart(),
    ev.appStart('spark-application-1763607600000', T0),
    ev.envUpdate({ 'spark.glue.JOB_RUN_ID': 'jr_skew', 'spark.app.name': 'nativespark-orders-etl' }),
    ...stageLines(3, 'parquet at job.py:18', 50, T0 + 1000, (i) => ({
      executorId: String(1 + (i % 4)),
      shuffleBytes: 0,
      inputBytes: 128 * MIB,
      duration: 8000 + i,
    })),
    ev.blockUpdated(),
    ...stageLines(7, 'join at job.py:42', 200, T0 + 60_000, (i) => ({
      executorId: i === 137 ? '5' : String(1 + (i % 4)),
      shuffleBytes: i === 137 ? 2048 * MIB : 51 * MIB + i,
      duration: i === 137 ? 840_000 : 20_000 + i * 10,
    })),
    ev.appEnd(T0 + 1_000_000),
  ].join('\n');
}

async function* chunks(data: Uint8Array, size = 7000): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

describe('Spark event log parser', () => {
  it('summarizes each stage: task count, duration and shuffle read distributions, the largest task', async () => {
    const result = await parseEventLog(chunks(Buffer.from(skewedLog())), {
      source: 'skew.log',
      lookFor: 'jr_skew',
    });
    expect(result.app).toMatchObject({
      appId: 'spark-application-1763607600000',
      sparkVersion: '3.3.0-amzn-1',
      stagesSeen: 2,
    });
    expect(result.mentionsRunId).toBe(true);
    const join = result.stages.find((s) => s.stageId === 7)!;
    expect(join).toMatchObject({
      name: 'join at job.py:42',
      numTasks: 200,
      completedTasks: 200,
      status: 'complete',
      sampled: false,
      durationMs: { max: 840_000 },
      shuffleReadBytes: { max: 2048 * MIB },
      maxTask: {
        taskId: 7137,
        index: 137,
        executorId: '5',
        durationMs: 840_000,
        shuffleReadBytes: 2048 * MIB,
      },
    });
    // Nearest rank: the 100th of 200 sorted values.
    expect(join.shuffleReadBytes.median).toBe(51 * MIB + 99);
    expect(join.durationMs.median).toBe(20_990);
    expect(Math.round(join.shuffleReadBytes.max / join.shuffleReadBytes.median)).toBe(40);
    const read = result.stages.find((s) => s.stageId === 3)!;
    expect(read.inputBytes?.total).toBe(50 * 128 * MIB);
  });

  it('keeps a stage that never completed, with what was still running when the log ends', async () => {
    const lines = [
      ...stageLines(
        4,
        'groupBy at job.py:60',
        100,
        T0,
        (i) => ({ executorId: '2', shuffleBytes: 10 * MIB, ...(i === 99 ? {} : { duration: 30_000 }) }),
        { complete: false },
      ),
      ev.executorRemoved(
        '2',
        T0 + 45 * 60_000,
        'Container killed by YARN for exceeding physical memory limits',
      ),
    ];
    const result = await parseEventLog(chunks(Buffer.from(lines.join('\n'))), { source: 'stuck.log' });
    expect(result.stages[0]).toMatchObject({
      stageId: 4,
      status: 'incomplete',
      completedTasks: 99,
      runningTasks: 1,
      longestRunningMs: 45 * 60_000,
    });
    expect(result.failures[0]?.text).toContain('Lost executor 2: Container killed by YARN');
  });

  it('words task failures as TaskSetManager does, counted once per distinct reason', async () => {
    const oom = {
      Reason: 'ExceptionFailure',
      'Class Name': 'java.lang.OutOfMemoryError',
      Description: 'Java heap space',
      'Stack Trace': [],
    };
    const lines = stageLines(9, 'join at job.py:42', 4, T0, (i) => ({
      executorId: '5',
      shuffleBytes: MIB,
      duration: 1000,
      ...(i < 3 ? { reason: oom } : {}),
    }));
    const result = await parseEventLog(chunks(Buffer.from(lines.join('\n'))), { source: 'f.log' });
    expect(result.stages[0]?.failedTasks).toBe(3);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ count: 3, executorId: '5' });
    expect(result.failures[0]!.text).toMatch(
      /^Lost task 0\.0 in stage 9\.0 \(TID 9000\) \(172\.31\.0\.15 executor 5\): java\.lang\.OutOfMemoryError: Java heap space$/,
    );
  });

  it('skips malformed, unknown and over-long lines and handles CRLF and chunk boundaries anywhere', async () => {
    const text = [
      'not json at all',
      '{"Event":"SparkListenerTaskEnd", broken',
      ev.blockUpdated(),
      ...stageLines(1, 's', 5, T0, () => ({ executorId: '1', shuffleBytes: 5, duration: 10 })),
    ].join('\r\n');
    for (const size of [1, 3, 17, 4096]) {
      const result = await parseEventLog(chunks(Buffer.from(text), size), { source: 'x' });
      expect(result.app.skippedLines).toBe(2);
      expect(result.stages[0]?.completedTasks).toBe(5);
    }
  });

  it('ignores a task that ends after its stage completed (a killed speculative copy)', async () => {
    const lines = [
      ...stageLines(2, 'count at job.py:9', 6, T0, () => ({
        executorId: '1',
        shuffleBytes: MIB,
        duration: 2000,
      })),
      ev.taskEnd(2, {
        taskId: 2999,
        index: 5,
        executorId: '3',
        launch: T0,
        finish: T0 + 90_000,
        shuffleBytes: 900 * MIB,
      }),
    ];
    const result = await parseEventLog(chunks(Buffer.from(lines.join('\n'))), { source: 'late.log' });
    expect(result.stages).toHaveLength(1);
    expect(result.stages[0]).toMatchObject({ completedTasks: 6, shuffleReadBytes: { max: MIB } });
  });

  it('keeps memory bounded: a stage with more tasks than the reservoir is sampled, max and totals stay exact', () => {
    const parser = new SparkEventLogParser('big');
    const n = RESERVOIR * 3;
    parser.line(ev.stageSubmitted(1, 'big stage', n, T0));
    for (let i = 0; i < n; i++) {
      parser.line(
        ev.taskEnd(1, {
          taskId: i,
          index: i,
          executorId: '1',
          launch: T0,
          finish: T0 + 1000 + (i % 100),
          shuffleBytes: i === 5 ? 999 * MIB : MIB,
        }),
      );
    }
    parser.line(ev.stageCompleted(1, 'big stage', n, T0, T0 + 5000));
    const { stages } = parser.finish();
    expect(stages[0]).toMatchObject({
      sampled: true,
      completedTasks: n,
      shuffleReadBytes: { max: 999 * MIB, median: MIB, total: (n - 1) * MIB + 999 * MIB },
    });
    expect(stages[0]!.durationMs.median).toBeGreaterThanOrEqual(1040);
    expect(stages[0]!.durationMs.median).toBeLessThanOrEqual(1060);
  });
});

describe('event log codecs', () => {
  const text = Buffer.from(skewedLog());

  it('detects codecs by magic number and by file name', () => {
    expect(codecFromMagic(gzipSync(text))).toBe('gzip');
    expect(codecFromMagic(lz4JavaStream(text))).toBe('lz4');
    expect(codecFromMagic(snappyJavaStream(text))).toBe('snappy');
    expect(codecFromMagic(lzfStream(text))).toBe('lzf');
    expect(codecFromMagic(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0]))).toBe('zstd');
    expect(codecFromMagic(text)).toBeUndefined();
    expect(
      ['app.lz4', 'events_1_app.zstd', 'x.snappy', 'y.lzf', 'z.gz', 'app.lz4.inprogress', 'plain'].map(
        codecFromName,
      ),
    ).toEqual(['lz4', 'zstd', 'snappy', 'lzf', 'gzip', 'lz4', undefined]);
  });

  it.each([
    ['plain', (b: Buffer) => b, undefined],
    ['gzip', (b: Buffer) => gzipSync(b), 'gzip'],
    ['lz4 (lz4-java blocks)', (b: Buffer) => lz4JavaStream(b), 'lz4'],
    ['snappy (snappy-java stream)', (b: Buffer) => snappyJavaStream(b), 'snappy'],
    ['lzf', (b: Buffer) => lzfStream(b), 'lzf'],
  ] as const)('streams %s through the parser with the same result', async (_name, encode, codec) => {
    const plain = await parseEventLog(chunks(text), { source: 'x' });
    const packed = encode(text);
    for (const size of [5, 1000, 1 << 20]) {
      const result = await parseEventLog(chunks(packed, size), { source: 'x' });
      expect(result.stages).toEqual(plain.stages);
      expect(result.app.codec).toBe(codec);
      expect(result.bytes).toBe(text.length);
    }
  });

  it('decodes LZ4 and snappy blocks with overlapping matches and long lengths', () => {
    const data = Buffer.from(
      'a'.repeat(1000) + 'abcabcabcabc'.repeat(50) + 'x'.repeat(300) + 'tail-literals',
    );
    expect(lz4DecodeBlock(lz4CompressBlock(data), data.length).equals(data)).toBe(true);
    expect(snappyDecodeBlock(snappyCompressBlock(data)).equals(data)).toBe(true);
  });

  it('rejects corrupt data with a clear error instead of looping or reading out of bounds', async () => {
    const packed = lz4JavaStream(text);
    packed.writeInt32LE(12_345, 13); // the first block's declared size no longer matches its data
    const drain = async (input: Buffer) => {
      for await (const _ of decompress(chunks(input))) void _;
    };
    await expect(drain(packed)).rejects.toBeInstanceOf(CorruptDataError);
    await expect(drain(snappyJavaStream(text).subarray(0, 100))).rejects.toBeInstanceOf(CorruptDataError);
    expect(() => lz4DecodeBlock(Uint8Array.from([0x1f, 0x41, 0x00, 0x00]), 10)).toThrow(CorruptDataError);
  });

  it('decodes zstd (the default event-log codec of Spark 3) on every supported Node', async () => {
    // `zstd -c` of two event lines, made once with the zstd CLI.
    const packed = Buffer.from(
      'KLUv/QRYDQMA8oUVG3Bp2yZwNwitYUEUTB8z1MAXQDO9vBCCQIGwBqe5u7uEXEIJCagzg92S0cGNGzbZpY0FTTALTvM70IGuvksbSwLAeDPs5bAUlpvdVEEw5OXqvalIvggCALuqIYtNMiaCMWo=',
      'base64',
    );
    const out: Buffer[] = [];
    for await (const chunk of decompress(Readable.from([packed.subarray(0, 7), packed.subarray(7)])))
      out.push(chunk);
    expect(zstdAvailable()).toBe(true);
    expect(Buffer.concat(out).toString()).toBe(
      '{"Event":"SparkListenerLogStart","Spark Version":"3.3.0"}\n{"Event":"SparkListenerApplicationEnd","Timestamp":1763607600000}\n',
    );
  });
});

describe('offline --event-log files', () => {
  it('puts stages in the evidence and task failures through the log scanner', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'etl-doctor-eventlog-'));
    const file = path.join(dir, 'spark-application-1763607600000.lz4');
    const oom = {
      Reason: 'ExceptionFailure',
      'Class Name': 'java.lang.OutOfMemoryError',
      Description: 'Java heap space',
    };
    const failing = stageLines(8, 'join at job.py:42', 3, T0, (i) => ({
      executorId: '5',
      shuffleBytes: MIB,
      duration: 1000,
      ...(i === 0 ? { reason: oom } : {}),
    }));
    writeFileSync(file, lz4JavaStream(Buffer.from([skewedLog(), ...failing].join('\n'))));
    const evidence = emptyEvidence({ kind: 'log-files', paths: [], eventLogs: [file] });
    const collector = new EvidenceCollector(allSignals());
    const tracker = new SourceTracker();
    await fetchEventLogFiles([file], evidence, collector, tracker);
    expect(evidence.stages?.map((s) => s.stageId)).toEqual([3, 7, 8]);
    expect(tracker.sources[0]).toMatchObject({ name: `event-log:${file}`, status: 'ok' });
    expect(tracker.sources[0]!.detail).toContain('lz4-compressed');
    const hit = collector.hits().find((h) => h.signal === 'java-oom');
    expect(hit).toMatchObject({ source: 'spark-event-log', location: file, role: 'driver' });
  });

  it('records a corrupt event log as a failed source and goes on', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'etl-doctor-eventlog-'));
    const file = path.join(dir, 'broken.lz4');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('LZ4Block'),
        Buffer.from([0x25, 0xff, 0xff, 0xff, 0x7f, 1, 0, 0, 0, 0, 0, 0, 0]),
      ]),
    );
    const evidence = emptyEvidence({ kind: 'log-files', paths: [] });
    const tracker = new SourceTracker();
    await fetchEventLogFiles([file], evidence, new EvidenceCollector(allSignals()), tracker);
    expect(tracker.sources[0]).toMatchObject({ status: 'error' });
    expect(tracker.sources[0]!.detail).toContain('corrupt lz4 data');
  });
});
