import type { Readable } from 'node:stream';
import type { Distribution, SparkAppFacts, SparkStageStats, SparkTaskRef } from '../evidence/spark.js';
import { decompress, type Codec } from './compression.js';

/**
 * A streaming Spark event log parser: one JSON event per line, read line by line, with bounded memory
 * whatever the log's size. Per stage attempt it keeps counts, totals and maxima exactly and the
 * distributions (task duration, shuffle read) in a bounded reservoir (exact up to RESERVOIR tasks).
 * Only the events it needs are parsed; every other line is skipped after a look at its first bytes.
 */

export const RESERVOIR = 4096;
/** Stage summaries kept; a log with more keeps those with the most task time. */
export const MAX_STAGES = 400;
/** A stage attempt's still-running tasks tracked, for "stuck on its last tasks". */
const MAX_RUNNING = 20_000;
/** Stage attempts open at once; past this the oldest is summarized as incomplete. */
const MAX_ACTIVE = 500;
/** Distinct task failure reasons kept (with counts), for the log scanner. */
const MAX_FAILURES = 40;
/** A line longer than this is skipped (plans and environment dumps), counted in skippedLines. */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

const WANTED = new Set([
  'SparkListenerLogStart',
  'SparkListenerApplicationStart',
  'SparkListenerApplicationEnd',
  'SparkListenerStageSubmitted',
  'SparkListenerStageCompleted',
  'SparkListenerTaskStart',
  'SparkListenerTaskEnd',
  'SparkListenerExecutorRemoved',
]);
const EVENT_NAME = /^\s*\{\s*"Event"\s*:\s*"([\w.$]+)"/;

/** A task failure as Spark's TaskSetManager words it, so the log scanner reads it like driver log text. */
export interface TaskFailure {
  text: string;
  count: number;
  timestamp?: string;
  stageId: number;
  executorId?: string;
}

export interface EventLogSummary {
  app: SparkAppFacts;
  stages: SparkStageStats[];
  failures: TaskFailure[];
  /** True when the run id we looked for appears in the log (Glue writes it into the Spark properties). */
  mentionsRunId?: boolean;
}

/** Deterministic PRNG (xorshift32) so a sampled summary is the same on every run. */
function rng(seed: number): () => number {
  let x = seed | 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

interface StageAcc {
  stageId: number;
  attemptId: number;
  name: string;
  numTasks: number;
  submittedAt?: number;
  completedAt?: number;
  failureReason?: string;
  completed: boolean;
  seen: number;
  durations: Float64Array;
  shuffle: Float64Array;
  kept: number;
  random: () => number;
  durationMax: number;
  durationTotal: number;
  shuffleMax: number;
  shuffleTotal: number;
  inputMax: number;
  inputTotal: number;
  spillMax: number;
  spillTotal: number;
  failed: number;
  maxTask?: SparkTaskRef;
  running: Map<number, number>;
}

type Json = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v);
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

/** The task a stage statistic points at, from a TaskEnd event's Task Info. */
function taskRef(info: Json, taskId: number, durationMs: number, shuffleReadBytes: number): SparkTaskRef {
  const executorId = str(info['Executor ID']);
  const host = str(info.Host);
  return {
    taskId,
    index: num(info.Index),
    ...(executorId ? { executorId } : {}),
    ...(host ? { host } : {}),
    durationMs,
    shuffleReadBytes,
  };
}
const iso = (ms: number | undefined): string | undefined => (ms ? new Date(ms).toISOString() : undefined);

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

export class SparkEventLogParser {
  private readonly active = new Map<string, StageAcc>();
  private readonly done: SparkStageStats[] = [];
  private readonly failures = new Map<string, TaskFailure>();
  /** Stage attempts already completed: a late task end (a killed speculative copy) opens no new one. */
  private readonly closed = new Set<string>();
  private stagesSeen = 0;
  private events = 0;
  private skipped = 0;
  private lastTime = 0;
  private app: Partial<SparkAppFacts> = {};

  constructor(private readonly source: string) {}

  /** One line of the log (without its newline). Malformed lines are counted and skipped. */
  line(text: string): void {
    if (text.length > MAX_LINE_CHARS) {
      this.skipped += 1;
      return;
    }
    const event = EVENT_NAME.exec(text.slice(0, 120))?.[1];
    if (!event) {
      if (text.trim() !== '') this.skipped += 1;
      return;
    }
    if (!WANTED.has(event)) return;
    let parsed: Json;
    try {
      parsed = JSON.parse(text) as Json;
    } catch {
      this.skipped += 1;
      return;
    }
    this.events += 1;
    this.handle(event, parsed);
  }

  private handle(event: string, e: Json): void {
    switch (event) {
      case 'SparkListenerLogStart':
        this.app.sparkVersion = str(e['Spark Version']);
        return;
      case 'SparkListenerApplicationStart':
        this.app.appName = str(e['App Name']);
        this.app.appId = str(e['App ID']);
        this.touch(num(e.Timestamp));
        return;
      case 'SparkListenerApplicationEnd':
        this.touch(num(e.Timestamp));
        return;
      case 'SparkListenerStageSubmitted':
        return this.stageSubmitted(obj(e['Stage Info']));
      case 'SparkListenerStageCompleted':
        return this.stageCompleted(obj(e['Stage Info']));
      case 'SparkListenerTaskStart':
        return this.taskStart(e);
      case 'SparkListenerTaskEnd':
        return this.taskEnd(e);
      case 'SparkListenerExecutorRemoved': {
        const reason = str(e['Removed Reason']) ?? '';
        this.touch(num(e.Timestamp));
        if (/exit|killed|lost|memory|137|143|OutOfMemory/i.test(reason)) {
          this.failure(
            `Lost executor ${str(e['Executor ID']) ?? '?'}: ${reason}`,
            -1,
            num(e.Timestamp),
            str(e['Executor ID']),
          );
        }
        return;
      }
    }
  }

  private touch(ms: number): void {
    if (ms > this.lastTime) this.lastTime = ms;
  }

  private acc(stageId: number, attemptId: number, info?: Json): StageAcc {
    const key = `${stageId}.${attemptId}`;
    let acc = this.active.get(key);
    if (!acc) {
      if (this.active.size >= MAX_ACTIVE) {
        const [oldestKey, oldest] = this.active.entries().next().value as [string, StageAcc];
        this.active.delete(oldestKey);
        this.keep(this.summarize(oldest, this.lastTime));
      }
      acc = {
        stageId,
        attemptId,
        name: str(info?.['Stage Name']) ?? `stage ${stageId}`,
        numTasks: num(info?.['Number of Tasks']),
        completed: false,
        seen: 0,
        durations: new Float64Array(64),
        shuffle: new Float64Array(64),
        kept: 0,
        random: rng(stageId * 7919 + attemptId + 1),
        durationMax: 0,
        durationTotal: 0,
        shuffleMax: 0,
        shuffleTotal: 0,
        inputMax: 0,
        inputTotal: 0,
        spillMax: 0,
        spillTotal: 0,
        failed: 0,
        running: new Map(),
      };
      this.active.set(key, acc);
      this.stagesSeen += 1;
    }
    return acc;
  }

  private stageSubmitted(info: Json): void {
    const acc = this.acc(num(info['Stage ID']), num(info['Stage Attempt ID']), info);
    acc.name = str(info['Stage Name']) ?? acc.name;
    acc.numTasks = num(info['Number of Tasks']) || acc.numTasks;
    const submitted = num(info['Submission Time']);
    if (submitted) acc.submittedAt = submitted;
    this.touch(submitted);
  }

  private stageCompleted(info: Json): void {
    const key = `${num(info['Stage ID'])}.${num(info['Stage Attempt ID'])}`;
    const acc = this.active.get(key) ?? this.acc(num(info['Stage ID']), num(info['Stage Attempt ID']), info);
    acc.completed = true;
    acc.completedAt = num(info['Completion Time']) || undefined;
    acc.failureReason = str(info['Failure Reason']);
    if (acc.numTasks === 0) acc.numTasks = num(info['Number of Tasks']);
    this.touch(num(info['Completion Time']));
    this.active.delete(key);
    this.closed.add(key);
    this.keep(this.summarize(acc));
  }

  private taskStart(e: Json): void {
    if (this.closed.has(`${num(e['Stage ID'])}.${num(e['Stage Attempt ID'])}`)) return;
    const info = obj(e['Task Info']);
    const acc = this.acc(num(e['Stage ID']), num(e['Stage Attempt ID']));
    const launch = num(info['Launch Time']);
    this.touch(launch);
    if (acc.running.size < MAX_RUNNING) acc.running.set(num(info['Task ID']), launch);
  }

  private taskEnd(e: Json): void {
    if (this.closed.has(`${num(e['Stage ID'])}.${num(e['Stage Attempt ID'])}`)) return;
    const info = obj(e['Task Info']);
    const metrics = obj(e['Task Metrics']);
    const reason = obj(e['Task End Reason']);
    const acc = this.acc(num(e['Stage ID']), num(e['Stage Attempt ID']));
    const taskId = num(info['Task ID']);
    acc.running.delete(taskId);
    const launch = num(info['Launch Time']);
    const finish = num(info['Finish Time']);
    this.touch(finish);
    const ok =
      (str(reason.Reason) ?? 'Success') === 'Success' && info.Failed !== true && info.Killed !== true;
    const duration = Math.max(0, finish - launch);
    const shuffleMetrics = obj(metrics['Shuffle Read Metrics']);
    const shuffle = num(shuffleMetrics['Remote Bytes Read']) + num(shuffleMetrics['Local Bytes Read']);
    const input = num(obj(metrics['Input Metrics'])['Bytes Read']);
    const spill = num(metrics['Disk Bytes Spilled']);
    if (!ok) {
      acc.failed += 1;
      const text = failureText(reason);
      // A task that died on a huge partition is the skew's own evidence: its size counts for the maximum.
      if (shuffle > acc.shuffleMax) {
        acc.shuffleMax = shuffle;
        acc.maxTask = {
          ...taskRef(info, taskId, duration, shuffle),
          failed: true,
          ...(text ? { reason: text.slice(0, 300) } : {}),
        };
      }
      if (text) {
        const where = `${str(info.Host) ?? 'unknown host'} executor ${str(info['Executor ID']) ?? '?'}`;
        this.failure(
          `Lost task ${num(info.Index)}.${num(info.Attempt)} in stage ${acc.stageId}.${acc.attemptId} (TID ${taskId}) (${where}): ${text}`,
          acc.stageId,
          finish,
          str(info['Executor ID']),
          text,
        );
      }
      return;
    }
    this.sample(acc, duration, shuffle);
    acc.durationTotal += duration;
    acc.shuffleTotal += shuffle;
    acc.inputTotal += input;
    acc.spillTotal += spill;
    acc.inputMax = Math.max(acc.inputMax, input);
    acc.spillMax = Math.max(acc.spillMax, spill);
    acc.durationMax = Math.max(acc.durationMax, duration);
    const bigger =
      !acc.maxTask ||
      shuffle > acc.maxTask.shuffleReadBytes ||
      (shuffle === acc.maxTask.shuffleReadBytes && duration > acc.maxTask.durationMs);
    if (bigger) {
      acc.maxTask = {
        ...taskRef(info, taskId, duration, shuffle),
        ...(input ? { inputBytes: input } : {}),
        ...(spill ? { spillBytes: spill } : {}),
      };
    }
    acc.shuffleMax = Math.max(acc.shuffleMax, shuffle);
  }

  /** Algorithm R over (duration, shuffle) pairs: exact until RESERVOIR tasks, a uniform sample after. */
  private sample(acc: StageAcc, duration: number, shuffle: number): void {
    acc.seen += 1;
    if (acc.kept < RESERVOIR) {
      if (acc.kept === acc.durations.length) {
        const size = Math.min(RESERVOIR, acc.durations.length * 2);
        const d = new Float64Array(size);
        d.set(acc.durations);
        const s = new Float64Array(size);
        s.set(acc.shuffle);
        acc.durations = d;
        acc.shuffle = s;
      }
      acc.durations[acc.kept] = duration;
      acc.shuffle[acc.kept] = shuffle;
      acc.kept += 1;
      return;
    }
    const j = Math.floor(acc.random() * acc.seen);
    if (j < RESERVOIR) {
      acc.durations[j] = duration;
      acc.shuffle[j] = shuffle;
    }
  }

  private failure(text: string, stageId: number, at: number, executorId?: string, key = text): void {
    const existing = this.failures.get(key);
    if (existing) {
      existing.count += 1;
      return;
    }
    if (this.failures.size >= MAX_FAILURES) return;
    this.failures.set(key, {
      text,
      count: 1,
      stageId,
      ...(at ? { timestamp: new Date(at).toISOString() } : {}),
      ...(executorId ? { executorId } : {}),
    });
  }

  private summarize(acc: StageAcc, endOfLog?: number): SparkStageStats {
    const durations = acc.durations.slice(0, acc.kept).sort();
    const shuffle = acc.shuffle.slice(0, acc.kept).sort();
    const distribution = (sorted: Float64Array, max: number, total: number): Distribution => ({
      median: quantile(sorted, 0.5),
      max,
      p75: quantile(sorted, 0.75),
      min: sorted.length > 0 ? sorted[0]! : 0,
      total,
    });
    const d = distribution(durations, acc.durationMax, acc.durationTotal);
    const launches = [...acc.running.values()].filter((t) => t > 0);
    const longestRunning = endOfLog && launches.length > 0 ? endOfLog - Math.min(...launches) : undefined;
    const status: SparkStageStats['status'] = !acc.completed
      ? 'incomplete'
      : acc.failureReason
        ? 'failed'
        : 'complete';
    return {
      stageId: acc.stageId,
      attemptId: acc.attemptId,
      name: acc.name,
      numTasks: acc.numTasks || acc.seen + acc.failed + acc.running.size,
      durationMs: { median: d.median, max: d.max, ...(d.p75 !== undefined ? { p75: d.p75 } : {}) },
      shuffleReadBytes: { median: quantile(shuffle, 0.5), max: acc.shuffleMax, total: acc.shuffleTotal },
      completedTasks: acc.seen,
      failedTasks: acc.failed,
      ...(acc.running.size > 0 ? { runningTasks: acc.running.size } : {}),
      ...(longestRunning !== undefined ? { longestRunningMs: Math.max(0, longestRunning) } : {}),
      ...(acc.inputTotal > 0 ? { inputBytes: { median: 0, max: acc.inputMax, total: acc.inputTotal } } : {}),
      ...(acc.spillTotal > 0 ? { spillBytes: { max: acc.spillMax, total: acc.spillTotal } } : {}),
      status,
      ...(acc.failureReason ? { failureReason: acc.failureReason.split('\n')[0]!.slice(0, 500) } : {}),
      ...(iso(acc.submittedAt) ? { submittedAt: iso(acc.submittedAt)! } : {}),
      ...(iso(acc.completedAt) ? { completedAt: iso(acc.completedAt)! } : {}),
      ...(acc.maxTask ? { maxTask: acc.maxTask } : {}),
      sampled: acc.seen > acc.kept,
      taskTimeMs: acc.durationTotal,
      source: this.source,
    };
  }

  /** Keeps at most MAX_STAGES summaries: those with the most task time (where skew costs most). */
  private keep(stats: SparkStageStats): void {
    this.done.push(stats);
    if (this.done.length >= MAX_STAGES * 2) {
      this.done.sort((a, b) => num(b.taskTimeMs) - num(a.taskTimeMs));
      this.done.length = MAX_STAGES;
    }
  }

  /** Ends the log: stages never completed are summarized as incomplete (what was running when it stopped). */
  finish(codec?: Codec): EventLogSummary {
    for (const acc of this.active.values()) {
      if (acc.seen + acc.failed + acc.running.size === 0) continue;
      this.keep(this.summarize(acc, this.lastTime));
    }
    this.active.clear();
    const stages = [...this.done].sort((a, b) => num(b.taskTimeMs) - num(a.taskTimeMs)).slice(0, MAX_STAGES);
    stages.sort((a, b) => a.stageId - b.stageId || a.attemptId - b.attemptId);
    return {
      app: {
        ...(this.app.appId ? { appId: this.app.appId } : {}),
        ...(this.app.appName ? { appName: this.app.appName } : {}),
        ...(this.app.sparkVersion ? { sparkVersion: this.app.sparkVersion } : {}),
        ...(codec && codec !== 'none' ? { codec } : {}),
        source: this.source,
        events: this.events,
        skippedLines: this.skipped,
        stagesSeen: this.stagesSeen,
      },
      stages,
      failures: [...this.failures.values()],
    };
  }
}

/** Spark's own wording of a task end reason, as its TaskSetManager logs it. */
function failureText(reason: Json): string | undefined {
  const kind = str(reason.Reason);
  switch (kind) {
    case 'ExceptionFailure': {
      const cls = str(reason['Class Name']) ?? 'Exception';
      const desc = str(reason.Description);
      return `${cls}${desc ? `: ${desc}` : ''}`;
    }
    case 'ExecutorLostFailure': {
      const byApp = reason['Exit Caused By App'] !== false;
      const loss = str(reason['Loss Reason']) ?? '';
      return `ExecutorLostFailure (executor ${str(reason['Executor ID']) ?? '?'} exited ${byApp ? 'caused by one of the running tasks' : 'unrelated to the running tasks'}) Reason: ${loss}`;
    }
    case 'FetchFailed': {
      const executor = str(obj(reason['Block Manager Address'])['Executor ID']) ?? '?';
      return `FetchFailed(BlockManagerId(${executor}), shuffleId=${num(reason['Shuffle ID'])}) ${str(reason.Message) ?? ''}`.trim();
    }
    case 'TaskKilled':
      return undefined;
    default:
      return kind ? `${kind}${str(reason.Description) ? `: ${str(reason.Description)}` : ''}` : undefined;
  }
}

export interface ParseOptions {
  source: string;
  /** Codec from the file name, used when the bytes carry no magic number. */
  hint?: Codec;
  /** Look for this string (a Glue run id) in the log text. */
  lookFor?: string;
  /** Stop after this many decompressed bytes (the summary says so). */
  maxBytes?: number;
}

export interface StreamResult {
  bytes: number;
  truncated: boolean;
  codec: Codec;
  mentions: boolean;
}

export interface ParseResult extends EventLogSummary {
  bytes: number;
  truncated: boolean;
}

/**
 * Streams one event log file (any supported codec) into a parser: bytes are decompressed chunk by
 * chunk, decoded as UTF-8 and split into lines; a line is never held beyond MAX_LINE_CHARS. Several
 * files (the parts of a rolling event log) may go into one parser before it is finished.
 */
export async function streamInto(
  parser: SparkEventLogParser,
  input: AsyncIterable<Uint8Array> | Readable,
  options: Omit<ParseOptions, 'source'>,
): Promise<StreamResult> {
  let codec: Codec = 'none';
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let carry = '';
  let skipping = false;
  let bytes = 0;
  let truncated = false;
  let mentions = false;
  let tail = '';
  const look = options.lookFor;
  const feed = (text: string) => {
    if (look && !mentions) {
      const window = tail + text;
      if (window.includes(look)) mentions = true;
      tail = window.slice(-look.length);
    }
    let data = text;
    if (skipping) {
      const nl = data.indexOf('\n');
      if (nl < 0) return;
      skipping = false;
      data = data.slice(nl + 1);
    }
    data = carry + data;
    let start = 0;
    for (let nl = data.indexOf('\n'); nl >= 0; nl = data.indexOf('\n', start)) {
      const end = nl > start && data.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      parser.line(data.slice(start, end));
      start = nl + 1;
    }
    carry = data.slice(start);
    if (carry.length > MAX_LINE_CHARS) {
      parser.line(carry);
      carry = '';
      skipping = true;
    }
  };
  for await (const chunk of decompress(
    input as AsyncIterable<Uint8Array>,
    options.hint,
    (c) => (codec = c),
  )) {
    bytes += chunk.length;
    feed(decoder.decode(chunk, { stream: true }));
    if (options.maxBytes !== undefined && bytes >= options.maxBytes) {
      truncated = true;
      break;
    }
  }
  if (!truncated) {
    feed(decoder.decode());
    if (carry && !skipping) parser.line(carry);
  }
  return { bytes, truncated, codec, mentions };
}

/** One event log file, parsed and summarized. */
export async function parseEventLog(
  input: AsyncIterable<Uint8Array> | Readable,
  options: ParseOptions,
): Promise<ParseResult> {
  const parser = new SparkEventLogParser(options.source);
  const read = await streamInto(parser, input, options);
  const summary = parser.finish(read.codec);
  return {
    ...summary,
    ...(options.lookFor ? { mentionsRunId: read.mentions } : {}),
    bytes: read.bytes,
    truncated: read.truncated,
  };
}
