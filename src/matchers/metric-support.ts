import type { Evidence } from '../evidence/model.js';
import {
  asFraction,
  metricLocation,
  peakOf,
  seriesOf,
  type MetricKind,
  type MetricSeries,
} from '../evidence/metrics.js';
import type { EvidenceItem, Match, Matcher } from './types.js';
import { clamp, round } from './support.js';

/**
 * Reading CloudWatch metric series as matcher evidence: driver and executor heaps (the worst executor
 * against the median one) and the evidence items that cite datapoints. Thresholds are data here.
 */

export const METRIC_THRESHOLDS = {
  /** A heap peak at or above this fraction is "near full". */
  heapNearFull: 0.95,
  /** Datapoints at or above this fraction are counted as "high" in the evidence text. */
  heapHigh: 0.9,
  /** The median executor below this while one is near full: the load was uneven. */
  heapMedianLow: 0.6,
};

/** `03:14:30Z` from an ISO timestamp. */
export function clock(iso: string): string {
  const m = /T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]}Z` : iso;
}

function fmt(value: number): string {
  if (Math.abs(value) >= 100) return String(Math.round(value));
  return String(round(value));
}

/** One datapoint-backed evidence item: `max 0.97 at 03:14:30Z (5 datapoints ≥ 0.9)`. */
export function metricItem(series: MetricSeries, threshold?: number, extra = ''): EvidenceItem | undefined {
  const peak = peakOf(series);
  if (!peak) return undefined;
  const above = threshold === undefined ? 0 : series.points.filter(([, v]) => v >= threshold).length;
  const count =
    threshold === undefined
      ? ` (${series.points.length} datapoints, ${series.stat} per ${series.periodSec}s)`
      : ` (${above} datapoint${above === 1 ? '' : 's'} ≥ ${fmt(threshold)})`;
  return {
    source: 'cloudwatch-metrics',
    location: metricLocation(series),
    timestamp: peak.at,
    text: `max ${fmt(peak.value)} at ${clock(peak.at)}${count}${extra}`,
  };
}

export interface HeapReading {
  series: MetricSeries;
  /** Peak as a fraction 0..1. */
  peak: number;
  at: string;
  executorId?: string;
  /** Last third of the series averages higher than the first third: a climb, not a spike. */
  climbing: boolean;
}

function reading(series: MetricSeries): HeapReading | undefined {
  const peak = peakOf(series);
  if (!peak) return undefined;
  const values = series.points.map(([, v]) => asFraction(series, v));
  const third = Math.max(1, Math.floor(values.length / 3));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const climbing = values.length >= 3 && avg(values.slice(-third)) > avg(values.slice(0, third)) + 0.15;
  return {
    series,
    peak: asFraction(series, peak.value),
    at: peak.at,
    ...(series.executorId ? { executorId: series.executorId } : {}),
    climbing,
  };
}

const HEAP_KINDS: MetricKind[] = ['heap-usage', 'heap-percent'];

function heapSeries(evidence: Evidence, scope: 'driver' | 'executor' | 'all'): MetricSeries[] {
  return HEAP_KINDS.flatMap((kind) => seriesOf(evidence.metrics, kind, scope));
}

/** The driver's heap: the highest of its heap series. */
export function driverHeap(evidence: Evidence): HeapReading | undefined {
  return heapSeries(evidence, 'driver')
    .map(reading)
    .filter((r): r is HeapReading => r !== undefined)
    .sort((a, b) => b.peak - a.peak)[0];
}

export interface ExecutorHeaps {
  worst: HeapReading;
  /** Median of the executors' peaks, when there are per-executor series. */
  median?: HeapReading;
  count: number;
}

/** Executors' heaps: the worst executor (else the all-executor series) and the median executor. */
export function executorHeaps(evidence: Evidence): ExecutorHeaps | undefined {
  const perExecutor = heapSeries(evidence, 'executor')
    .map(reading)
    .filter((r): r is HeapReading => r !== undefined)
    .sort((a, b) => b.peak - a.peak);
  if (perExecutor.length > 0) {
    const median = perExecutor.length >= 2 ? perExecutor[Math.floor(perExecutor.length / 2)] : undefined;
    return { worst: perExecutor[0]!, ...(median ? { median } : {}), count: perExecutor.length };
  }
  const all = heapSeries(evidence, 'all')
    .map(reading)
    .filter((r): r is HeapReading => r !== undefined)
    .sort((a, b) => b.peak - a.peak)[0];
  return all ? { worst: all, count: 0 } : undefined;
}

/** One executor near full while the median executor stayed low: uneven load, a skew hint. */
export function unevenHeap(heaps: ExecutorHeaps | undefined): boolean {
  return Boolean(
    heaps?.median &&
    heaps.worst.peak >= METRIC_THRESHOLDS.heapNearFull &&
    heaps.median.peak < METRIC_THRESHOLDS.heapMedianLow,
  );
}

function heapItem(r: HeapReading): EvidenceItem | undefined {
  const threshold =
    r.series.kind === 'heap-percent' ? METRIC_THRESHOLDS.heapHigh * 100 : METRIC_THRESHOLDS.heapHigh;
  return metricItem(r.series, threshold, r.climbing ? ', climbing through the run' : '');
}

interface MetricSide {
  items: EvidenceItem[];
  summary: string;
  nearFull: boolean;
  vars?: Match['vars'];
}

function driverSide(evidence: Evidence): MetricSide | undefined {
  const r = driverHeap(evidence);
  if (!r) return undefined;
  const item = heapItem(r);
  const nearFull = r.peak >= METRIC_THRESHOLDS.heapNearFull;
  return {
    items: item ? [item] : [],
    nearFull,
    summary: `The driver heap metric peaked at ${round(r.peak)} at ${clock(r.at)}${r.climbing ? ' after climbing through the run' : ''}.`,
  };
}

function executorSide(evidence: Evidence): MetricSide | undefined {
  const heaps = executorHeaps(evidence);
  if (!heaps) return undefined;
  const { worst, median } = heaps;
  const items = [heapItem(worst), median && median !== worst ? heapItem(median) : undefined].filter(
    (i): i is EvidenceItem => i !== undefined,
  );
  const who = worst.executorId ? `executor ${worst.executorId}` : 'the executors';
  const uneven = unevenHeap(heaps);
  const summary =
    `The heap metric of ${who} peaked at ${round(worst.peak)} at ${clock(worst.at)}` +
    (median ? `; the median executor peaked at ${round(median.peak)}` : '') +
    (uneven ? ' (one executor near full while the others stay low: a skew hint).' : '.');
  return {
    items,
    nearFull: worst.peak >= METRIC_THRESHOLDS.heapNearFull,
    summary,
    ...(worst.executorId ? { vars: { executorId: worst.executorId } } : {}),
  };
}

/** Signals whose lines explain a failure better than a heap or disk peak does. */
const OTHER_STORIES = new Set([
  'java-oom',
  'exit-137',
  'exit-52',
  'yarn-memory-kill',
  'kernel-oom-kill',
  'no-space',
  'python-memory-error',
]);

/**
 * Adds heap metric evidence to a memory matcher. With a text match, the datapoints are cited beside
 * the lines (and a near-full peak adds a little confidence). With no text match, a near-full peak on a
 * run AWS reports as failed is a finding of its own, less sure than a log line.
 */
function withMetrics(
  side: (e: Evidence) => MetricSide | undefined,
  aloneConfidence: number,
  aloneSummary: string,
  matcher: Matcher,
): Matcher {
  return {
    meta: matcher.meta,
    match(evidence) {
      const base = matcher.match(evidence);
      const metrics = evidence.metrics?.length ? side(evidence) : undefined;
      if (!metrics) return base;
      if (base) {
        if (!metrics.nearFull && metrics.items.length === 0) return base;
        return {
          ...base,
          confidence: clamp(base.confidence + (metrics.nearFull ? 0.03 : 0)),
          summary: `${base.summary} ${metrics.summary}`,
          evidence: [...base.evidence, ...metrics.items],
          ...(metrics.vars || base.vars ? { vars: { ...(metrics.vars ?? {}), ...(base.vars ?? {}) } } : {}),
        };
      }
      if (!metrics.nearFull || !evidence.status?.failed) return null;
      // A full heap alone claims the failure only when no log line tells another memory or disk story.
      if (evidence.hits.some((h) => OTHER_STORIES.has(h.signal))) return null;
      return {
        confidence: aloneConfidence,
        summary: `${aloneSummary} ${metrics.summary}`,
        evidence: metrics.items,
        ...(metrics.vars ? { vars: metrics.vars } : {}),
      };
    },
  };
}

export function withDriverHeapMetrics(matcher: Matcher): Matcher {
  return withMetrics(
    driverSide,
    0.7,
    'The run failed with the driver heap full (no OutOfMemoryError line was read).',
    matcher,
  );
}

export function withExecutorHeapMetrics(matcher: Matcher): Matcher {
  return withMetrics(
    executorSide,
    0.65,
    'The run failed with an executor heap full (no OutOfMemoryError line was read).',
    matcher,
  );
}
