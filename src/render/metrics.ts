import type { Report } from '../engine/report.js';
import { asFraction, peakOf, seriesOf, type MetricKind, type MetricSeries } from '../evidence/metrics.js';

/**
 * The metric series that matter for a report's findings, as one sparkline each: the driver heap for a
 * driver OOM, the worst executor's heap against the median executor's for executor memory and skew,
 * the skewness series for skew, disk use for a full disk. The JSON report carries every series in full.
 */

const BARS = '▁▂▃▄▅▆▇█';
const WIDTH = 32;

export interface MetricLine {
  label: string;
  series: MetricSeries;
  spark: string;
  peak: string;
}

/** Buckets keep their maximum, so a short spike still shows. */
export function sparkline(values: number[], width = WIDTH, lo?: number, hi?: number): string {
  if (values.length === 0) return '';
  const buckets: number[] = [];
  const n = Math.min(width, values.length);
  for (let b = 0; b < n; b++) {
    const from = Math.floor((b * values.length) / n);
    const to = Math.max(from + 1, Math.floor(((b + 1) * values.length) / n));
    buckets.push(Math.max(...values.slice(from, to)));
  }
  const min = lo ?? Math.min(...buckets);
  const max = hi ?? Math.max(...buckets);
  const span = max - min;
  return buckets
    .map(
      (v) =>
        BARS[
          span <= 0
            ? 0
            : Math.min(BARS.length - 1, Math.max(0, Math.floor(((v - min) / span) * (BARS.length - 1) + 0.5)))
        ],
    )
    .join('');
}

function clockOf(iso: string): string {
  return /T(\d{2}:\d{2})/.exec(iso)?.[1] ?? iso;
}

/** Points placed on a shared time axis, so lines of one report line up; empty buckets stay blank. */
export function timeSparkline(
  points: [string, number][],
  from: number,
  to: number,
  width = WIDTH,
  lo?: number,
  hi?: number,
): string {
  if (points.length === 0 || !(to > from))
    return sparkline(
      points.map(([, v]) => v),
      width,
      lo,
      hi,
    );
  const buckets: (number | undefined)[] = new Array<number | undefined>(width).fill(undefined);
  for (const [at, v] of points) {
    const i = Math.min(
      width - 1,
      Math.max(0, Math.round(((Date.parse(at) - from) / (to - from)) * (width - 1))),
    );
    buckets[i] = Math.max(buckets[i] ?? -Infinity, v);
  }
  const known = buckets.filter((v): v is number => v !== undefined);
  const min = lo ?? Math.min(...known);
  const max = hi ?? Math.max(...known);
  const span = max - min;
  return buckets
    .map((v) =>
      v === undefined
        ? ' '
        : BARS[
            span <= 0
              ? 0
              : Math.min(
                  BARS.length - 1,
                  Math.max(0, Math.floor(((v - min) / span) * (BARS.length - 1) + 0.5)),
                )
          ],
    )
    .join('');
}

interface Pending {
  label: string;
  series: MetricSeries;
  range?: [number, number];
}

function render(pending: Pending[]): MetricLine[] {
  const times = pending.flatMap((p) => p.series.points.map(([at]) => Date.parse(at)));
  const from = Math.min(...times);
  const to = Math.max(...times);
  const width = Math.max(2, Math.min(WIDTH, new Set(times).size));
  return pending.map(({ label, series, range }) => {
    const peak = peakOf(series);
    const shown = peak
      ? Math.abs(peak.value) >= 100
        ? String(Math.round(peak.value))
        : String(Math.round(peak.value * 100) / 100)
      : '-';
    return {
      label,
      series,
      spark: timeSparkline(series.points, from, to, width, range?.[0], range?.[1]),
      peak: peak ? `max ${shown} at ${clockOf(peak.at)}Z` : '',
    };
  });
}

const line = (label: string, series: MetricSeries, range?: [number, number]): Pending => ({
  label,
  series,
  ...(range ? { range } : {}),
});

function byPeak(list: MetricSeries[]): MetricSeries[] {
  return [...list].sort(
    (a, b) => asFraction(b, peakOf(b)?.value ?? 0) - asFraction(a, peakOf(a)?.value ?? 0),
  );
}

const HEAP: MetricKind[] = ['heap-usage', 'heap-percent'];

function heapRange(s: MetricSeries): [number, number] {
  return s.kind === 'heap-percent' ? [0, 100] : [0, 1];
}

/** The lines for the symptoms found, at most a handful. */
export function metricLines(report: Report): MetricLine[] {
  const metrics = report.metrics ?? [];
  if (metrics.length === 0) return [];
  const symptoms = new Set(report.findings.map((f) => f.symptom));
  const out: Pending[] = [];
  const heapOf = (scope: 'driver' | 'executor' | 'all') =>
    byPeak(HEAP.flatMap((k) => seriesOf(metrics, k, scope)));
  if (symptoms.has('driver-oom') || symptoms.has('max-result-size')) {
    const driver = heapOf('driver')[0];
    if (driver) out.push(line('driver heap', driver, heapRange(driver)));
  }
  if (
    symptoms.has('executor-oom') ||
    symptoms.has('data-skew') ||
    symptoms.has('container-killed-137') ||
    symptoms.has('yarn-memory-overhead')
  ) {
    const executors = heapOf('executor');
    const worst = executors[0];
    const median = executors.length >= 2 ? executors[Math.floor(executors.length / 2)] : undefined;
    if (worst) out.push(line(`executor ${worst.executorId ?? '?'} heap (worst)`, worst, heapRange(worst)));
    if (median && median !== worst)
      out.push(line(`executor ${median.executorId ?? '?'} heap (median)`, median, heapRange(median)));
    if (!worst) {
      const all = heapOf('all')[0];
      if (all) out.push(line('executors heap (all)', all, heapRange(all)));
    }
  }
  if (symptoms.has('data-skew')) {
    for (const s of seriesOf(metrics, 'skewness').slice(0, 2))
      out.push(line(s.name.replace(/^glue\.driver\./, ''), s, [0, Math.max(2, peakOf(s)?.value ?? 0)]));
  }
  if (symptoms.has('disk-full')) {
    const disk = byPeak(seriesOf(metrics, 'disk-percent'))[0];
    if (disk) out.push(line(`${disk.scope === 'driver' ? 'driver' : 'executors'} disk %`, disk, [0, 100]));
  }
  if (symptoms.has('stale-bookmark')) {
    const records = seriesOf(metrics, 'records-read', 'driver')[0];
    if (records) out.push(line('records read', records));
  }
  return out.length > 0 ? render(out.slice(0, 6)) : [];
}

/** Plain lines for the text renderer (the caller colours them). */
export function formatMetricLines(lines: MetricLine[]): { label: string; spark: string; detail: string }[] {
  const width = Math.max(...lines.map((l) => l.label.length));
  return lines.map((l) => ({
    label: l.label.padEnd(width),
    spark: l.spark,
    detail: `${l.peak}  ${l.series.name} ${l.series.stat}/${l.series.periodSec}s`,
  }));
}
