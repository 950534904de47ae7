import { describe, expect, it } from 'vitest';
import type { MetricSeries } from '../../src/evidence/metrics.js';
import type { SparkStageStats } from '../../src/evidence/spark.js';
import { createDataSkewMatcher, dataSkew, DEFAULT_SKEW_CONFIG } from '../../src/matchers/data-skew.js';
import {
  damped,
  describeLadder,
  levelOf,
  maxLevel,
  minLevel,
  severityOf,
} from '../../src/matchers/ladder.js';
import { evidenceFrom } from '../helpers/evidence.js';
import { matcherCases } from './harness.js';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const FAILED = {
  state: 'FAILED',
  failed: true,
  startedOn: '2026-11-20T03:00:00Z',
  completedOn: '2026-11-20T03:45:00Z',
};
const SUCCEEDED = {
  state: 'SUCCEEDED',
  failed: false,
  startedOn: '2026-11-20T03:00:00Z',
  completedOn: '2026-11-20T03:45:00Z',
};

function stage(over: Partial<SparkStageStats> = {}): SparkStageStats {
  return {
    stageId: 7,
    attemptId: 0,
    name: 'join at job.py:42',
    numTasks: 200,
    completedTasks: 200,
    durationMs: { median: 21_000, max: 840_000, p75: 25_000 },
    shuffleReadBytes: { median: 51 * MIB, max: 2 * GIB, total: 12 * GIB },
    status: 'complete',
    maxTask: { taskId: 645, executorId: '5', durationMs: 840_000, shuffleReadBytes: 2 * GIB },
    source: 's3://logs/spark/spark-application-1',
    ...over,
  };
}

function series(name: string, values: number[], extra: Partial<MetricSeries> = {}): MetricSeries {
  return {
    namespace: 'Glue',
    name,
    dimensions: { JobName: 'orders-etl', JobRunId: 'jr_1', Type: 'gauge' },
    stat: 'Maximum',
    periodSec: 60,
    points: values.map((v, i): [string, number] => [new Date(Date.UTC(2026, 10, 20, 3, i)).toISOString(), v]),
    ...extra,
  };
}

function executorReads(totals: number[]): MetricSeries[] {
  return totals.map((total, i) =>
    series(`glue.${i + 1}.shuffleLocalBytesRead`, [total / 2, total / 2], {
      stat: 'Sum',
      kind: 'shuffle-read',
      scope: 'executor',
      executorId: String(i + 1),
      dimensions: { JobName: 'orders-etl', JobRunId: 'jr_1', Type: 'count' },
    }),
  );
}

const skewness = (values: number[]) =>
  series('glue.driver.skewness.stage', values, {
    kind: 'skewness',
    scope: 'driver',
    family: 'observability',
  });

matcherCases(dataSkew, {
  positive: [
    {
      name: 'one task of a stage running 190x its siblings, from the driver task lines',
      text: [
        'INFO TaskSetManager: Finished task 187.0 in stage 830.0 (TID 605360) in 6112 ms on ip-10-15-128-71 (197/200)',
        'INFO TaskSetManager: Finished task 193.0 in stage 830.0 (TID 605366) in 5894 ms on ip-10-15-128-66 (198/200)',
        'INFO TaskSetManager: Finished task 199.0 in stage 830.0 (TID 605372) in 5730 ms on ip-10-15-128-70 (199/200)',
        'INFO TaskSetManager: Finished task 110.0 in stage 830.0 (TID 605283) in 1159002 ms on ip-10-15-128-69 (200/200)',
        'INFO DAGScheduler: ResultStage 830 (save at package.scala:26) finished in 1160.595 s',
      ].join('\n'),
      summaryHas: ['Stage 830', 'save at package.scala:26'],
    },
    {
      name: 'an event log stage with one task reading 40x the median shuffle data',
      text: 'INFO nothing here',
      status: FAILED,
      stages: [stage()],
      minConfidence: 0.8,
      summaryHas: ['Stage 7', 'join at job.py:42', '40x', 'executor 5'],
      vars: { stageId: '7', executorId: '5' },
    },
    {
      name: "Glue's skewness metric high over a long run",
      text: 'INFO nothing here',
      status: FAILED,
      metrics: [skewness([0, 0.4, 1.4, 1.2])],
      minConfidence: 0.75,
      summaryHas: ['glue.driver.skewness.stage', '1.4'],
    },
    {
      name: 'one executor shuffled 12x the median executor, gigabytes of it',
      text: 'INFO nothing here',
      status: FAILED,
      metrics: executorReads([12 * GIB, 1 * GIB, 1 * GIB, 0.9 * GIB, 1.1 * GIB]),
      summaryHas: ['Executor 1', '12x'],
      vars: { executorId: '1' },
    },
    {
      name: 'a stage stuck on its last task when the event log ends',
      text: 'INFO nothing here',
      status: FAILED,
      stages: [
        stage({
          status: 'incomplete',
          completedTasks: 199,
          runningTasks: 1,
          longestRunningMs: 40 * 60_000,
          durationMs: { median: 20_000, max: 30_000 },
          shuffleReadBytes: { median: 50 * MIB, max: 60 * MIB, total: 10 * GIB },
        }),
      ],
      summaryHas: ['stuck on its last 1 task'],
    },
    {
      name: 'Spark marks a straggler speculatable after 20 minutes',
      text: '24/11/20 03:30:00 INFO TaskSetManager: Marking task 199.0 in stage 7.0 (on 172.31.0.9) as speculatable because it ran more than 1200000 ms',
      status: FAILED,
      summaryHas: ['Stage 7', 'stuck on its last tasks'],
      vars: { stageId: '7' },
    },
    {
      name: 'critical skew is reported even when the run succeeded',
      text: 'INFO nothing here',
      status: SUCCEEDED,
      stages: [stage({ shuffleReadBytes: { median: 100 * MIB, max: 8 * GIB, total: 30 * GIB } })],
      summaryHas: ['Stage 7'],
    },
    {
      name: 'metrics and event log agree: more confident than either alone',
      text: 'INFO nothing here',
      status: FAILED,
      stages: [stage()],
      metrics: [skewness([1.8]), ...executorReads([12 * GIB, 1 * GIB, 1 * GIB, 1 * GIB])],
      minConfidence: 0.9,
    },
  ],
  negative: [
    {
      name: 'even task durations in the driver task lines',
      text: [
        'INFO TaskSetManager: Finished task 0.0 in stage 3.0 (TID 1) in 6112 ms on ip-1 (1/4)',
        'INFO TaskSetManager: Finished task 1.0 in stage 3.0 (TID 2) in 5894 ms on ip-2 (2/4)',
        'INFO TaskSetManager: Finished task 2.0 in stage 3.0 (TID 3) in 7730 ms on ip-3 (3/4)',
        'INFO TaskSetManager: Finished task 3.0 in stage 3.0 (TID 4) in 6002 ms on ip-4 (4/4)',
      ].join('\n'),
    },
    {
      name: 'skew on 50 MB pages nobody (damped by size and time)',
      text: 'INFO nothing here',
      status: FAILED,
      stages: [
        stage({
          durationMs: { median: 1000, max: 20_000 },
          shuffleReadBytes: { median: 1 * MIB, max: 50 * MIB, total: 300 * MIB },
        }),
      ],
    },
    {
      name: 'an even stage',
      text: 'INFO nothing here',
      status: FAILED,
      stages: [
        stage({
          durationMs: { median: 60_000, max: 90_000 },
          shuffleReadBytes: { median: 1 * GIB, max: 1.3 * GIB, total: 200 * GIB },
        }),
      ],
    },
    {
      name: 'a low skewness metric',
      text: 'INFO nothing here',
      status: FAILED,
      metrics: [skewness([0, 0.1, 0.2])],
    },
    {
      name: 'imbalance on small totals',
      text: 'INFO nothing here',
      status: FAILED,
      metrics: executorReads([40 * MIB, 2 * MIB, 2 * MIB, 2 * MIB]),
    },
    {
      name: 'moderate skew on a run that succeeded is a tuning note, not a finding',
      text: 'INFO nothing here',
      status: SUCCEEDED,
      stages: [
        stage({
          durationMs: { median: 60_000, max: 300_000 },
          shuffleReadBytes: { median: 100 * MIB, max: 500 * MIB, total: 20 * GIB },
        }),
      ],
    },
    {
      name: 'a straggler of 30 seconds',
      text: 'INFO TaskSetManager: Marking task 3.0 in stage 2.0 (on 10.0.0.1) as speculatable because it ran more than 30000 ms',
      status: FAILED,
    },
    {
      name: 'plain log text',
      text: 'INFO SparkContext: Running Spark version 3.3.0\nINFO stage 3 complete',
      status: FAILED,
    },
  ],
});

describe('skew ladders', () => {
  const ladder = { low: 2, moderate: 4, severe: 8, critical: 16 };

  it('rates a value on the ascending thresholds', () => {
    expect([1, 2, 5, 8, 40, Infinity].map((v) => levelOf(v, ladder))).toEqual([
      'none',
      'low',
      'moderate',
      'severe',
      'critical',
      'critical',
    ]);
  });

  it('damps a ratio by a small absolute size (the lower rating wins)', () => {
    const size = DEFAULT_SKEW_CONFIG.bytesDamping;
    expect(damped(40, ladder, 50 * MIB, size)).toBe('none');
    expect(damped(40, ladder, 300 * MIB, size)).toBe('moderate');
    expect(damped(40, ladder, 5 * GIB, size)).toBe('critical');
    expect(damped(3, ladder, 5 * GIB, size)).toBe('low');
  });

  it('combines and maps levels to severities', () => {
    expect(maxLevel('low', 'severe', 'moderate')).toBe('severe');
    expect(minLevel('critical', 'moderate')).toBe('moderate');
    expect(severityOf('critical', true)).toBe('critical');
    expect(severityOf('critical', false)).toBe('high');
    expect(severityOf('moderate', true)).toBe('medium');
    expect(describeLadder(ladder)).toBe('2/4/8/16');
  });

  it('is configuration: a stricter ladder reports what the default ignores', () => {
    const evidence = evidenceFrom({
      text: 'INFO nothing',
      status: FAILED,
      stages: [
        stage({
          durationMs: { median: 60_000, max: 150_000 },
          shuffleReadBytes: { median: 200 * MIB, max: 600 * MIB, total: 40 * GIB },
        }),
      ],
    });
    expect(dataSkew.match(evidence)).toBeNull();
    const strict = createDataSkewMatcher({
      ...DEFAULT_SKEW_CONFIG,
      shuffleRatio: { low: 1.5, moderate: 2, severe: 4, critical: 8 },
    });
    const match = strict.match(evidence);
    expect(match).not.toBeNull();
    expect(match!.summary).toContain('ladder 1.5x/2x/4x/8x');
  });

  it('names the evidence values beside the rating', () => {
    const match = dataSkew.match(evidenceFrom({ text: 'x', status: FAILED, stages: [stage()] }));
    expect(match!.severity).toBe('high'); // 40x, but 2 GiB is 'severe' on the size ladder
    const item = match!.evidence[0]!;
    expect(item.source).toBe('spark-event-log');
    expect(item.location).toBe('s3://logs/spark/spark-application-1#stage-7.0');
    expect(item.text).toContain('shuffle read max 2.0 GiB (task 645 on executor 5) vs median 51.0 MiB = 40x');
  });

  it('cites skewness datapoints as metric evidence', () => {
    const match = dataSkew.match(
      evidenceFrom({ text: 'x', status: FAILED, metrics: [skewness([0.2, 1.4])] }),
    );
    expect(match!.evidence[0]).toMatchObject({
      source: 'cloudwatch-metrics',
      location: 'Glue glue.driver.skewness.stage JobRunId=jr_1 Type=gauge',
      timestamp: '2026-11-20T03:01:00.000Z',
      text: 'max 1.4 at 03:01:00Z (1 datapoint ≥ 0.5)',
    });
  });
});
