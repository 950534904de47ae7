import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import type { MetricSeries } from '../../src/evidence/metrics.js';
import { metricLines, sparkline, timeSparkline } from '../../src/render/metrics.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 3, minute)).toISOString();

function heap(name: string, values: number[], extra: Partial<MetricSeries>, offset = 0): MetricSeries {
  return {
    namespace: 'Glue',
    name,
    dimensions: { JobName: 'j', JobRunId: 'jr_1', Type: 'gauge' },
    stat: 'Maximum',
    periodSec: 60,
    points: values.map((v, i): [string, number] => [at(i + offset), v]),
    kind: 'heap-usage',
    ...extra,
  };
}

function report(symptom: Report['findings'][number]['symptom'], metrics: MetricSeries[]): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'etl-doctor', version: '0' },
    target: { kind: 'glue-job-run', jobName: 'j', runId: 'jr_1' },
    outcome: 'problem',
    findings: [
      {
        symptom,
        title: 't',
        severity: 'critical',
        confidence: 0.9,
        summary: 's',
        evidence: [],
        playbook: {
          id: symptom,
          title: 't',
          fixes: [],
          references: [],
        } as unknown as Report['findings'][number]['playbook'],
      },
    ],
    sources: [],
    notes: [],
    metrics,
  };
}

describe('sparklines', () => {
  it('draws values between the range, keeping the peak of each bucket', () => {
    expect(sparkline([0, 0.5, 1], 3, 0, 1)).toBe('▁▅█');
    expect(sparkline([0, 1, 0, 0], 2, 0, 1)).toBe('█▁');
    expect(sparkline([])).toBe('');
  });

  it('places series on one time axis, blank where a series has no datapoint', () => {
    const points: [string, number][] = [
      [at(0), 0],
      [at(1), 1],
    ];
    expect(timeSparkline(points, Date.parse(at(0)), Date.parse(at(3)), 4, 0, 1)).toBe('▁█  ');
  });

  it('shows the driver heap for driver-oom, the worst and median executor for executor-oom and skew', () => {
    const driver = heap('glue.driver.jvm.heap.usage', [0.3, 0.6, 0.99], { scope: 'driver' });
    const e1 = heap('glue.1.jvm.heap.usage', [0.3, 0.3, 0.3], { scope: 'executor', executorId: '1' });
    const e2 = heap('glue.2.jvm.heap.usage', [0.4, 0.97], { scope: 'executor', executorId: '2' });
    const e3 = heap('glue.3.jvm.heap.usage', [0.35, 0.36, 0.4], { scope: 'executor', executorId: '3' });
    const skew = heap('glue.driver.skewness.stage', [0, 1.5, 2.2], { kind: 'skewness', scope: 'driver' });
    expect(metricLines(report('driver-oom', [driver, e1])).map((l) => l.label)).toEqual(['driver heap']);
    const lines = metricLines(report('data-skew', [driver, e1, e2, e3, skew]));
    expect(lines.map((l) => l.label)).toEqual([
      'executor 2 heap (worst)',
      'executor 3 heap (median)',
      'skewness.stage',
    ]);
    expect(lines[0]!.spark).toBe('▄█ ');
    expect(lines[0]!.peak).toBe('max 0.97 at 03:01Z');
    expect(metricLines(report('access-denied', [driver]))).toEqual([]);
  });

  it('appears in the text and markdown reports', () => {
    const r = report('driver-oom', [
      heap('glue.driver.jvm.heap.usage', [0.3, 0.6, 0.99], { scope: 'driver' }),
    ]);
    const text = renderText(r);
    expect(text).toContain(
      'Metrics\n  driver heap  ▃▅█  max 0.99 at 03:02Z  glue.driver.jvm.heap.usage Maximum/60s',
    );
    expect(renderMarkdown(r)).toContain('## Metrics\n\n```text\ndriver heap  ▃▅█  max 0.99 at 03:02Z');
  });
});
