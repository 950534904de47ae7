import type { Evidence, LogHit } from '../evidence/model.js';
import type { EvidenceItem } from './types.js';

/** Helpers shared by matchers: small, pure, and about reading hits, never about fetching. */

export function hitsOf(evidence: Evidence, ...signals: string[]): LogHit[] {
  return evidence.hits.filter((h) => signals.includes(h.signal));
}

export function countOf(evidence: Evidence, ...signals: string[]): number {
  return signals.reduce((sum, s) => sum + (evidence.hitCounts[s] ?? 0), 0);
}

export function item(hit: LogHit): EvidenceItem {
  return {
    source: hit.source,
    location: hit.location,
    ...(hit.line !== undefined ? { line: hit.line } : {}),
    ...(hit.timestamp ? { timestamp: hit.timestamp } : {}),
    text: hit.text,
  };
}

/** Evidence items for hits, one per distinct line, at most `max`. */
export function items(hits: LogHit[], max = 6): EvidenceItem[] {
  const seen = new Set<string>();
  const out: EvidenceItem[] = [];
  for (const hit of hits) {
    const key = `${hit.location}:${hit.line ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item(hit));
    if (out.length >= max) break;
  }
  return out;
}

export function statusItem(evidence: Evidence): EvidenceItem[] {
  const s = evidence.status;
  if (!s) return [];
  const text = s.message ? `${s.state}: ${s.message}` : s.state;
  return [{ source: s.source, location: s.location, ...(s.completedOn ? { timestamp: s.completedOn } : {}), text }];
}

/** The text a hit sits in: the line, the lines before it and the frames after it. */
export function around(hit: LogHit): string {
  return [...hit.before, hit.text, ...hit.after].join('\n');
}

const CONTAINER_ID = /container_(?:e\d+_)?\d+_\d+_\d+_(\d+)/;

export function containerIn(text: string): { id: string; isAm: boolean } | undefined {
  const m = CONTAINER_ID.exec(text);
  if (!m?.[1]) return undefined;
  return { id: m[0], isAm: Number(m[1]) === 1 };
}

export function containerOf(hit: LogHit): { id: string; isAm: boolean } | undefined {
  return containerIn(hit.container ?? '') ?? containerIn(hit.text) ?? containerIn(hit.location);
}

const EXECUTOR_MARKERS =
  /Lost task|\(TID \d+\)|\bexecutor \d+\)|Task \d+ in stage|Exception in task|Executor task launch worker|ExecutorLostFailure|CoarseGrainedExecutorBackend|\bExecutor: |pyspark[./]worker|python worker|shuffle-client|ShuffleBlockFetcherIterator/;
const DRIVER_MARKERS =
  /Exception in thread "main"|\bcollect(?:AsList|ToPython|AsArrayToPython)?\b|executeCollect|toPandas|BroadcastExchangeExec|broadcast the table|Not enough memory to build and broadcast|TorrentBroadcast\.writeBlocks|listLeafFiles|InMemoryFileIndex|dag-scheduler-event-loop|\bdriver\b|SparkContext\.runJob|ApplicationMaster/;
const PY4J_WRAPPER = /Py4JJavaError|An error occurred while calling o\d+/;

export type Side = 'executor' | 'driver' | 'unknown';

/** Whose JVM a memory line is about: the rules of the catalogue's executor-vs-driver trap. */
export function sideOf(hit: LogHit): { side: Side; why: string } {
  const own = [...hit.before, hit.text].join('\n');
  if (EXECUTOR_MARKERS.test(own)) return { side: 'executor', why: 'reported as a task failure on an executor' };
  const container = containerOf(hit);
  if (container?.isAm) return { side: 'driver', why: `container ${container.id} is the ApplicationMaster/driver` };
  if (container) return { side: 'executor', why: `container ${container.id} is an executor container` };
  if (hit.role === 'executor') return { side: 'executor', why: 'in an executor log stream' };
  if (hit.role === 'driver' || hit.role === 'am') return { side: 'driver', why: 'in the driver log stream' };
  if (DRIVER_MARKERS.test(around(hit))) return { side: 'driver', why: 'raised on the driver (driver-side frames)' };
  if (PY4J_WRAPPER.test(own)) return { side: 'driver', why: 'raised in the driver JVM through py4j' };
  return { side: 'unknown', why: 'the log does not say which process' };
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function clamp(n: number, lo = 0, hi = 0.99): number {
  return Math.min(hi, Math.max(lo, n));
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
