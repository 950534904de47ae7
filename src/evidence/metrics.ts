/**
 * CloudWatch metric series as evidence, free of SDK types. Filled by src/fetchers/glue-metrics.ts;
 * read by matchers (heap, disk, skewness, imbalance, bookmark reads) and shown by the renderers.
 */

/** Which process a Glue metric describes, from its name (`glue.driver.*`, `glue.ALL.*`, `glue.<n>.*`). */
export type MetricScope = 'driver' | 'executor' | 'all' | 'job';

/** What a series measures, so matchers find it without parsing names again. */
export type MetricKind =
  | 'heap-usage' // glue.*.jvm.heap.usage, 0..1
  | 'heap-percent' // glue.*.memory.heap.used.percentage, 0..100
  | 'memory-percent' // glue.*.memory.total.used.percentage, 0..100
  | 'disk-percent' // glue.*.disk.used.percentage, 0..100
  | 'disk-used-mb' // glue.driver.BlockManager.disk.diskSpaceUsed_MB
  | 'skewness' // glue.driver.skewness.stage / .job
  | 'worker-utilization' // glue.driver.workerUtilization, 0..1
  | 'records-read' // glue.driver.aggregate.recordsRead, glue.driver.recordsRead
  | 'bytes-read' // glue.driver.aggregate.bytesRead, glue.*.s3.filesystem.read_bytes, per-executor bytesRead
  | 'shuffle-read' // shuffleLocalBytesRead / shuffleBytesRead
  | 'shuffle-written' // glue.driver.aggregate.shuffleBytesWritten
  | 'failed-tasks' // glue.driver.aggregate.numFailedTasks
  | 'executors' // glue.driver.ExecutorAllocationManager.executors.numberAllExecutors
  | 'error-category' // glue.error.<CATEGORY>
  | 'other';

export interface MetricSeries {
  namespace: string;
  name: string;
  /** The exact dimension set CloudWatch names the series by. */
  dimensions: Record<string, string>;
  /** The CloudWatch statistic asked for each period (Maximum for gauges, Sum for counts, ...). */
  stat: string;
  periodSec: number;
  /** [ISO timestamp, value], oldest first. */
  points: [string, number][];
  kind?: MetricKind;
  scope?: MetricScope;
  /** Executor id for `glue.<n>.*` series. */
  executorId?: string;
  /** `--enable-metrics` (classic job metrics) or `--enable-observability-metrics`. */
  family?: 'job-metrics' | 'observability';
}

/** Where a series came from, as evidence items and the text report name it. */
export function metricLocation(series: MetricSeries): string {
  const dims = Object.entries(series.dimensions)
    .filter(([name]) => name !== 'JobName')
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  return `${series.namespace} ${series.name}${dims ? ` ${dims}` : ''}`;
}

export interface Peak {
  value: number;
  at: string;
}

export function peakOf(series: MetricSeries): Peak | undefined {
  let best: Peak | undefined;
  for (const [at, value] of series.points) if (!best || value > best.value) best = { value, at };
  return best;
}

export function sumOf(series: MetricSeries): number {
  return series.points.reduce((total, [, value]) => total + value, 0);
}

/** Heap series in 0..1 whatever the metric's own unit (the observability metrics are percentages). */
export function asFraction(series: MetricSeries, value: number): number {
  return series.kind === 'heap-percent' || series.kind === 'memory-percent' || series.kind === 'disk-percent'
    ? value / 100
    : value;
}

export function seriesOf(
  metrics: readonly MetricSeries[] | undefined,
  kind: MetricKind,
  scope?: MetricScope,
) {
  return (metrics ?? []).filter((s) => s.kind === kind && (scope === undefined || s.scope === scope));
}

/** Classifies a Glue metric name: what it measures and which process it describes. */
export function classifyGlueMetric(name: string): {
  kind: MetricKind;
  scope: MetricScope;
  executorId?: string;
} {
  const m = /^glue\.([^.]+)\.(.+)$/.exec(name);
  const who = m?.[1] ?? '';
  const rest = m?.[2] ?? '';
  const scope: MetricScope =
    who === 'driver' ? 'driver' : who === 'ALL' ? 'all' : /^\d+$/.test(who) ? 'executor' : 'job';
  const executorId = scope === 'executor' ? who : undefined;
  const kind = kindOf(who, rest);
  return { kind, scope: kind === 'error-category' ? 'job' : scope, ...(executorId ? { executorId } : {}) };
}

function kindOf(who: string, rest: string): MetricKind {
  if (who === 'error' || who === 'succeed') return 'error-category';
  if (rest === 'jvm.heap.usage') return 'heap-usage';
  if (rest === 'memory.heap.used.percentage') return 'heap-percent';
  if (rest === 'memory.total.used.percentage') return 'memory-percent';
  if (rest === 'disk.used.percentage') return 'disk-percent';
  if (rest === 'BlockManager.disk.diskSpaceUsed_MB') return 'disk-used-mb';
  if (rest.startsWith('skewness.')) return 'skewness';
  if (rest === 'workerUtilization') return 'worker-utilization';
  if (/(^|\.)recordsRead$/.test(rest)) return 'records-read';
  if (/(^|\.)(bytesRead|read_bytes)$/.test(rest)) return 'bytes-read';
  if (/shuffle(Local|Remote)?BytesRead$/.test(rest)) return 'shuffle-read';
  if (/shuffleBytesWritten$/.test(rest)) return 'shuffle-written';
  if (/numFailedTasks$/.test(rest)) return 'failed-tasks';
  if (/executors\.numberAllExecutors$/.test(rest)) return 'executors';
  return 'other';
}
