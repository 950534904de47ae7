import type { Evidence, EvidenceSource, LogHit } from '../evidence/model.js';
import type { MetricSeries } from '../evidence/metrics.js';
import type { EvidenceItem, Signal } from './types.js';

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
  return [
    { source: s.source, location: s.location, ...(s.completedOn ? { timestamp: s.completedOn } : {}), text },
  ];
}

/** The text a hit sits in: the line, the lines before it and the frames after it. */
export function around(hit: LogHit): string {
  return [...hit.before, hit.text, ...hit.after].join('\n');
}

/** The line and the two lines before it: where a task failure or a final error names what it is about. */
export function withHeader(hit: LogHit): string {
  return [...hit.before.slice(-2), hit.text].join('\n');
}

const CONTAINER_ID = /container_(?:e\d+_)?\d+_\d+_\d+_(\d+)/;

export function containerIn(text: string): { id: string; isAm: boolean } | undefined {
  const m = CONTAINER_ID.exec(text);
  if (!m?.[1]) return undefined;
  return { id: m[0], isAm: Number(m[1]) === 1 };
}

/** Lines the driver's scheduler logs about its executors ("Lost executor 5", "Container killed by YARN..."). */
const SCHEDULER_LINE =
  /\b(?:YarnAllocator|Yarn(?:Cluster)?Scheduler(?:Backend)?|TaskSetManager|DAGScheduler):/;

/**
 * The container a line is about: the one it names, else the container whose log it is in. The AM's log
 * also reports on its executors (scheduler lines, task failures): such a line is not about the AM.
 */
export function containerOf(hit: LogHit): { id: string; isAm: boolean } | undefined {
  const named = containerIn(hit.text);
  if (named) return named;
  const own = containerIn(hit.container ?? '') ?? containerIn(hit.location);
  if (own?.isAm && (SCHEDULER_LINE.test(hit.text) || EXECUTOR_MARKERS.test(hit.text))) return undefined;
  return own;
}

const EXECUTOR_MARKERS =
  /Lost task|\(TID \d+\)|\bexecutor \d+\)|Task \d+ in stage|Exception in task|Executor task launch worker|ExecutorLostFailure|CoarseGrainedExecutorBackend|\bExecutor: |pyspark[./]worker|python worker|shuffle-client|ShuffleBlockFetcherIterator/;
const DRIVER_MARKERS =
  /Exception in thread "main"|\bcollect(?:AsList|ToPython|AsArrayToPython)?\b|executeCollect|toPandas|BroadcastExchangeExec|broadcast the table|Not enough memory to build and broadcast|TorrentBroadcast\.writeBlocks|listLeafFiles|InMemoryFileIndex|dag-scheduler-event-loop|\bdriver\b|SparkContext\.runJob|ApplicationMaster/;
const CRAWLER_LINE =
  /^\s*(?:\d{4}-\d\d-\d\dT[\d:.]+Z?\s+)?\[[0-9A-Za-z-]{8,64}\] (?:BENCHMARK|INFO|WARN|ERROR) : /m;
const PY4J_WRAPPER = /Py4JJavaError|An error occurred while calling o\d+/;

export type Side = 'executor' | 'driver' | 'crawler' | 'unknown';

/** Whose JVM a memory line is about: the rules of the catalogue's executor-vs-driver trap. */
export function sideOf(hit: LogHit): { side: Side; why: string } {
  // A Glue crawler's own JVM is neither: crawler-oom reads those (catalogue: "not a Spark job OOM").
  const own = [...hit.before, hit.text].join('\n');
  if (hit.role === 'crawler' || CRAWLER_LINE.test(own)) return { side: 'crawler', why: 'a Glue crawler log' };
  if (EXECUTOR_MARKERS.test(own))
    return { side: 'executor', why: 'reported as a task failure on an executor' };
  const container = containerOf(hit);
  if (container?.isAm)
    return { side: 'driver', why: `container ${container.id} is the ApplicationMaster/driver` };
  if (container) return { side: 'executor', why: `container ${container.id} is an executor container` };
  if (hit.role === 'executor') return { side: 'executor', why: 'in an executor log stream' };
  if (hit.role === 'driver' || hit.role === 'am') return { side: 'driver', why: 'in the driver log stream' };
  if (DRIVER_MARKERS.test(around(hit)))
    return { side: 'driver', why: 'raised on the driver (driver-side frames)' };
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

// ---- Reading text like an engineer (issue 3): log levels, recovery, API messages, names in the text ----

export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

const LEVEL_WORD =
  /(?:^|[\s[|"'(=,])(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|SEVERE|CRITICAL)(?=$|[\s\]|"',:)-])/;
const JSON_LEVEL = /"(?:level|severity|log_?level|levelname)"\s*:\s*"(\w+)"/i;
const LEVELS: Record<string, Level> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  notice: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  fatal: 'fatal',
  severe: 'error',
  critical: 'fatal',
};

/** The log level a line was written at (log4j, Python logging, Lambda, JSON `level`), if it says. */
export function levelIn(line: string): Level | undefined {
  const json = JSON_LEVEL.exec(line.slice(0, 400));
  if (json?.[1]) return LEVELS[json[1].toLowerCase()];
  // A record's level sits in its prefix (timestamp, thread, logger); a level word later on is message text.
  const word = LEVEL_WORD.exec(line.slice(0, 64));
  return word?.[1] ? LEVELS[word[1].toLowerCase()] : undefined;
}

const FRAME_LINE = /^\s*(?:at\s|\.\.\.\s\d+\s(?:more|common frames omitted)|File\s"|Suppressed:)/;
// `java.io.IOException: ...`, `Caused by: x.YException`, `ModuleNotFoundError: ...`; not `Exception in thread "main"`.
const EXCEPTION_LINE = /^\s*(?:Caused by:\s*)?(?:[\w$]+\.)*[\w$]*(?:Exception|Error|Throwable)(?::|\s*$)/;

/**
 * The level of the log record a hit belongs to. An exception line has no level of its own: it takes
 * the level of the log line that introduced it (`WARN Foo: could not load` + `ClassNotFoundException`).
 * A Python traceback printed to stderr has none.
 */
export function levelOf(hit: LogHit): Level | undefined {
  const own = levelIn(hit.text);
  if (own) return own;
  const nested = /^\s/.test(hit.text) || /^\s*Caused by:/.test(hit.text);
  if (!nested && !EXCEPTION_LINE.test(hit.text)) return undefined;
  for (let i = hit.before.length - 1, walked = 0; i >= 0 && walked < 12; i--, walked++) {
    const line = hit.before[i]!;
    if (line.trim() === '') continue;
    if (FRAME_LINE.test(line) || EXCEPTION_LINE.test(line)) {
      // A `Caused by:` belongs to the trace above it; a new top-level exception after frames does not.
      if (nested) continue;
      return undefined;
    }
    return levelIn(line);
  }
  return undefined;
}

/** INFO, DEBUG and TRACE records are not failures, whatever they mention. */
export function isQuiet(level: Level | undefined): boolean {
  return level === 'trace' || level === 'debug' || level === 'info';
}

/** A line AWS itself returned (a run's ErrorMessage, a step's FailureDetails), not a log line. */
export function fromApi(hit: LogHit): boolean {
  return hit.source === 'glue-api' || hit.source === 'emr-api';
}

/** True when `b` was written after `a` in the same stream or file. Different streams: unknown (false). */
export function isAfter(a: LogHit, b: LogHit): boolean {
  return a.location === b.location && a.line !== undefined && b.line !== undefined && b.line > a.line;
}

export interface RunOutcome {
  /** AWS says it failed, or the logs show a failure marker. */
  failed: boolean;
  /** AWS says it succeeded, or the logs show completion and no failure marker. */
  succeeded: boolean;
  failures: LogHit[];
  successes: LogHit[];
}

/** How the run ended, from AWS's state when there is one, else from the logs' own markers. */
export function runOutcome(evidence: Evidence): RunOutcome {
  const failures = hitsOf(evidence, 'failure-marker', 'run-failed');
  const successes = hitsOf(evidence, 'run-succeeded', 'success-marker');
  if (evidence.status) {
    return { failed: evidence.status.failed, succeeded: !evidence.status.failed, failures, successes };
  }
  return {
    failed: failures.length > 0,
    succeeded: failures.length === 0 && successes.length > 0,
    failures,
    successes,
  };
}

/**
 * Explicit recovery in a log with no AWS state: the run completed after the last of `hits` and nothing
 * failed. With an AWS state, AWS decides (the engine turns findings of succeeded runs into notes).
 */
export function recoveredFrom(evidence: Evidence, hits: LogHit[]): boolean {
  if (evidence.status) return false;
  const outcome = runOutcome(evidence);
  if (outcome.failed) return false;
  return outcome.successes.some((s) => !hits.some((h) => isAfter(s, h)));
}

const RETRY_WORDS = /\b(?:retry(?:ing)?|retried|will retry|backing off|backoff)\b/i;

/** The hit's own text, or a `retry` line close to it in the same stream, says the call was retried. */
export function retriedNear(evidence: Evidence, hit: LogHit): boolean {
  if (
    RETRY_WORDS.test(hit.text) ||
    hit.after.slice(0, 3).some((l) => RETRY_WORDS.test(l) && !FRAME_LINE.test(l))
  ) {
    return true;
  }
  return hitsOf(evidence, 'retry').some(
    (r) => r.location === hit.location && Math.abs((r.line ?? 0) - (hit.line ?? 0)) <= 30,
  );
}

/** Retries ran out (`reached max retries: 4`, `failed 4 times`, `Max retries exceeded`). */
export function retriesExhausted(text: string): boolean {
  return /reached max retries|max retries exceeded|retries exhausted|exhausted (?:all )?retries|failed \d+ times|giving up|gave up|after \d+ (?:retries|attempts)/i.test(
    text,
  );
}

/**
 * Hits plus the lines of API messages (run ErrorMessage, step FailureDetails, last crawl's error) that
 * match `signal`, for the fetchers that do not feed those messages through the collector. A message
 * already fed as a line is not counted twice.
 */
export function withApiLines(evidence: Evidence, signal: Signal): LogHit[] {
  const hits = hitsOf(evidence, signal.id);
  const fed = evidence.hits
    .filter((h) => h.source !== 'file' && h.source !== 'cloudwatch-logs')
    .map((h) => h.text);
  const messages: { text: string; location: string; source: EvidenceSource; timestamp?: string }[] = [];
  const status = evidence.status;
  if (status?.message) {
    messages.push({
      text: status.message,
      location: status.location,
      source: status.source,
      ...(status.completedOn ? { timestamp: status.completedOn } : {}),
    });
  }
  const details = evidence.emr?.failureDetails;
  const emrWhere = `emr:DescribeStep ${evidence.emr?.clusterId ?? ''}/${evidence.emr?.stepId ?? ''} Step.Status.FailureDetails`;
  if (details?.reason)
    messages.push({ text: details.reason, location: `${emrWhere}.Reason`, source: 'emr-api' });
  if (details?.message)
    messages.push({ text: details.message, location: `${emrWhere}.Message`, source: 'emr-api' });
  const crawl = evidence.crawler?.lastCrawl;
  if (crawl?.errorMessage) {
    messages.push({
      text: crawl.errorMessage,
      location: `glue:GetCrawler ${evidence.crawler?.name ?? ''} LastCrawl.ErrorMessage`,
      source: 'glue-api',
    });
  }
  const extra: LogHit[] = [];
  for (const message of messages) {
    message.text.split(/\r?\n/).forEach((line, i) => {
      const m = signal.pattern.exec(line);
      if (!m || signal.unless?.test(line)) return;
      const shown = line.length > 600 ? `${line.slice(0, 600)}…` : line;
      const key = shown.slice(0, 120);
      if (fed.some((t) => t.includes(key) || key.includes(t.slice(0, 120)))) return;
      extra.push({
        signal: signal.id,
        source: message.source,
        location: message.location,
        line: i + 1,
        ...(message.timestamp ? { timestamp: message.timestamp } : {}),
        text: shown,
        role: 'unknown',
        before: [],
        after: [],
        groups: Object.fromEntries(
          Object.entries(m.groups ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
        ),
      });
    });
  }
  return [...extra, ...hits];
}

/** A path or URI as written in a message, without the quotes, brackets and punctuation around it. */
export function cleanPath(raw: string): string {
  return raw
    .replace(/^[\s'"`<([{\\]+/, '')
    .replace(/(?:\\?['"`]|[)\]}>;,.:])+$/, '')
    .replace(/\\+$/, '');
}

const S3_URI = /\bs3[an]?:\/\/[A-Za-z0-9][A-Za-z0-9.\-_]{1,62}(?:\/[^\s'"`,;)\]}]*)?/g;

/** s3:// URIs named in some text, in order, without duplicates. */
export function s3UrisIn(text: string): string[] {
  return [...new Set([...text.matchAll(S3_URI)].map((m) => cleanPath(m[0])))];
}

export function bucketOf(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  return /^s3[an]?:\/\/([^/]+)/.exec(uri)?.[1] ?? /^arn:aws[\w-]*:s3:::([^/\s]+)/.exec(uri)?.[1];
}

/** The highest point of the metric series whose name matches, with where it came from. */
export function peakMetric(
  evidence: Evidence,
  name: RegExp,
): { value: number; at: string; series: MetricSeries } | undefined {
  let best: { value: number; at: string; series: MetricSeries } | undefined;
  for (const series of evidence.metrics ?? []) {
    if (!name.test(series.name)) continue;
    for (const [at, value] of series.points) {
      if (!best || value > best.value) best = { value, at, series };
    }
  }
  return best;
}

export function metricItem(
  peak: { value: number; at: string; series: MetricSeries },
  text: string,
): EvidenceItem {
  const dims = Object.entries(peak.series.dimensions)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return {
    source: 'cloudwatch-metrics',
    location: `${peak.series.namespace} ${peak.series.name}${dims ? ` {${dims}}` : ''} ${peak.series.stat}/${peak.series.periodSec}s`,
    timestamp: peak.at,
    text,
  };
}

/** The first value a regex's first group finds in any of the texts. */
export function firstCapture(re: RegExp, ...texts: (string | undefined)[]): string | undefined {
  for (const text of texts) {
    if (!text) continue;
    const m = re.exec(text);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/** Unique values, in order, dropping empties. */
export function unique<T>(values: (T | undefined)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== undefined && v !== ''))];
}

/** `a`, `a and b`, `a, b and 2 more`. */
export function listed(values: string[], max = 3): string {
  if (values.length <= 1) return values[0] ?? '';
  const shown = values.slice(0, max);
  const rest = values.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}
