/**
 * Per-stage task statistics from a Spark event log, free of the log's own shape. Filled by
 * src/fetchers/spark-event-log.ts (streaming, bounded memory); read by data-skew and the renderers.
 */

/** A distribution summary over a stage's successful tasks. Exact when `sampled` is false. */
export interface Distribution {
  median: number;
  max: number;
  p75?: number;
  min?: number;
  total?: number;
}

/** The stage's largest task, named so a finding can point at it. */
export interface SparkTaskRef {
  taskId: number;
  index?: number;
  executorId?: string;
  host?: string;
  durationMs: number;
  shuffleReadBytes: number;
  inputBytes?: number;
  spillBytes?: number;
  /** The task failed (its metrics still count for the maximum, not for the medians). */
  failed?: boolean;
  /** Why it failed, as Spark words it. */
  reason?: string;
}

export interface SparkStageStats {
  stageId: number;
  attemptId: number;
  /** Spark's stage name: the operation and call site, e.g. `join at job.py:42`. */
  name: string;
  /** Tasks the stage was submitted with. */
  numTasks: number;
  durationMs: { median: number; max: number; p75?: number };
  shuffleReadBytes: { median: number; max: number; total: number };
  /** Successful tasks seen (the distributions are over these). */
  completedTasks?: number;
  failedTasks?: number;
  /** Tasks started and not ended when the log stops. */
  runningTasks?: number;
  /** Longest time a still-running task had been running when the log stops. */
  longestRunningMs?: number;
  inputBytes?: { median: number; max: number; total: number };
  spillBytes?: { max: number; total: number };
  /** `complete`, `failed` (StageCompleted with a failure reason) or `incomplete` (log ends first). */
  status?: 'complete' | 'failed' | 'incomplete';
  failureReason?: string;
  submittedAt?: string;
  completedAt?: string;
  /** The task with the largest shuffle read (else the longest). */
  maxTask?: SparkTaskRef;
  /** True when the medians come from a bounded reservoir sample rather than every task. */
  sampled?: boolean;
  /** The event log this came from (s3:// URI or file path). */
  source?: string;
  [key: string]: unknown;
}

/** What one event log said about its application, beside the stages. */
export interface SparkAppFacts {
  appId?: string;
  appName?: string;
  sparkVersion?: string;
  /** Compression codec of the log file, when it had one. */
  codec?: string;
  source: string;
  /** Events parsed and lines skipped (unknown, malformed or over-long). */
  events: number;
  skippedLines: number;
  /** Stages kept; a log with more stages keeps the ones with the most task time. */
  stagesSeen: number;
}
