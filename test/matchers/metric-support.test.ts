import { describe, expect, it } from 'vitest';
import type { MetricSeries } from '../../src/evidence/metrics.js';
import { driverOom } from '../../src/matchers/driver-oom.js';
import { executorOom } from '../../src/matchers/executor-oom.js';
import { metricItem } from '../../src/matchers/metric-support.js';
import { evidenceFrom } from '../helpers/evidence.js';

const FAILED = { state: 'FAILED', failed: true };

function heap(name: string, values: number[], extra: Partial<MetricSeries> = {}): MetricSeries {
  return {
    namespace: 'Glue',
    name,
    dimensions: { JobName: 'daily-report', JobRunId: 'jr_1', Type: 'gauge' },
    stat: 'Maximum',
    periodSec: 60,
    points: values.map((v, i): [string, number] => [new Date(Date.UTC(2026, 10, 20, 4, i)).toISOString(), v]),
    kind: 'heap-usage',
    ...extra,
  };
}

const climbing = heap('glue.driver.jvm.heap.usage', [0.3, 0.45, 0.6, 0.75, 0.9, 0.97, 0.99], {
  scope: 'driver',
});
const executors = [
  heap('glue.1.jvm.heap.usage', [0.3, 0.35, 0.3], { scope: 'executor', executorId: '1' }),
  heap('glue.2.jvm.heap.usage', [0.3, 0.6, 0.98], { scope: 'executor', executorId: '2' }),
  heap('glue.3.jvm.heap.usage', [0.25, 0.3, 0.32], { scope: 'executor', executorId: '3' }),
];

describe('heap metrics in the memory matchers', () => {
  it('a driver heap near full on a failed run is a driver-oom finding of its own, citing the datapoints', () => {
    const match = driverOom.match(
      evidenceFrom({ text: 'ERROR Command failed with exit code 1', status: FAILED, metrics: [climbing] }),
    );
    expect(match).not.toBeNull();
    expect(match!.confidence).toBeCloseTo(0.7);
    expect(match!.summary).toContain('peaked at 0.99 at 04:06:00Z after climbing through the run');
    expect(match!.evidence).toEqual([
      {
        source: 'cloudwatch-metrics',
        location: 'Glue glue.driver.jvm.heap.usage JobRunId=jr_1 Type=gauge',
        timestamp: '2026-11-20T04:06:00.000Z',
        text: 'max 0.99 at 04:06:00Z (3 datapoints ≥ 0.9), climbing through the run',
      },
    ]);
  });

  it('adds the datapoints beside the log lines when the text already says OOM', () => {
    const match = driverOom.match(
      evidenceFrom({
        text: 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
        role: 'driver',
        status: FAILED,
        metrics: [climbing],
      }),
    );
    expect(match!.evidence.map((e) => e.source)).toEqual(['file', 'cloudwatch-metrics']);
    expect(match!.confidence).toBeGreaterThan(0.9);
  });

  it('says nothing from a heap peak when the run succeeded, or when a log line tells another story', () => {
    expect(
      driverOom.match(
        evidenceFrom({
          text: 'INFO done',
          status: { state: 'SUCCEEDED', failed: false },
          metrics: [climbing],
        }),
      ),
    ).toBeNull();
    expect(
      driverOom.match(
        evidenceFrom({ text: 'Container exited with exit code 137', status: FAILED, metrics: [climbing] }),
      ),
    ).toBeNull();
    expect(
      driverOom.match(
        evidenceFrom({
          text: 'INFO nothing',
          status: FAILED,
          metrics: [heap('glue.driver.jvm.heap.usage', [0.3, 0.5], { scope: 'driver' })],
        }),
      ),
    ).toBeNull();
  });

  it('compares the worst executor with the median one and calls an uneven load a skew hint', () => {
    const match = executorOom.match(
      evidenceFrom({ text: 'INFO nothing', status: FAILED, metrics: executors }),
    );
    expect(match!.summary).toContain('The heap metric of executor 2 peaked at 0.98');
    expect(match!.summary).toContain('median executor peaked at 0.35');
    expect(match!.summary).toContain('skew hint');
    expect(match!.vars).toMatchObject({ executorId: '2' });
    expect(match!.evidence.map((e) => e.location)).toEqual([
      'Glue glue.2.jvm.heap.usage JobRunId=jr_1 Type=gauge',
      'Glue glue.1.jvm.heap.usage JobRunId=jr_1 Type=gauge',
    ]);
  });

  it('reads the observability heap percentage as well', () => {
    const pct = heap('glue.driver.memory.heap.used.percentage', [40, 80, 97], {
      scope: 'driver',
      kind: 'heap-percent',
    });
    const match = driverOom.match(evidenceFrom({ text: 'INFO nothing', status: FAILED, metrics: [pct] }));
    expect(match!.summary).toContain('peaked at 0.97');
    expect(metricItem(pct, 90)!.text).toBe('max 97 at 04:02:00Z (1 datapoint ≥ 90)');
  });
});
