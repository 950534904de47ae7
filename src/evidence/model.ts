import type { Target } from '../target.js';
import type { GlueJobFacts, GlueRunFacts, GlueRunHistoryEntry, BookmarkFacts } from './glue.js';
import type { MetricSeries } from './metrics.js';
import type { CrawlerFacts } from './crawler.js';
import type { EmrFacts } from './emr.js';
import type { SparkStageStats } from './spark.js';

/** Where a piece of evidence came from. Appears verbatim as `evidence[].source` in the JSON report. */
export type EvidenceSource =
  'cloudwatch-logs' | 'cloudwatch-metrics' | 'file' | 's3' | 'glue-api' | 'emr-api' | 'spark-event-log';

/** Which process wrote a log line, when the location tells us. */
export type Role = 'driver' | 'executor' | 'am' | 'crawler' | 'step' | 'insights' | 'unknown';

/** A log line that matched one of the matchers' signals, with a little context around it. */
export interface LogHit {
  /** Signal id (see src/matchers/signals.ts), e.g. `java-oom`. */
  signal: string;
  source: EvidenceSource;
  /** Log group/stream, file path, s3:// URI, or API field. */
  location: string;
  /** 1-based line number in the file or stream (CloudWatch: line within the stream as read). */
  line?: number;
  timestamp?: string;
  /** The matching line, sanitised and shortened around the match. */
  text: string;
  role: Role;
  /** YARN container id when the location names one (EMR container logs). */
  container?: string;
  /** Up to a few earlier lines that are not stack frames (the exception header, the task failure). */
  before: string[];
  /** Up to a few following lines (stack frames, `Caused by:`). */
  after: string[];
  /** Named groups of the signal's pattern. */
  groups: Record<string, string>;
}

export type SourceStatusKind = 'ok' | 'missing' | 'denied' | 'throttled' | 'error';

/** One source the diagnosis tried to read. Appears as `sources[]` in the JSON report. */
export interface SourceStatus {
  name: string;
  status: SourceStatusKind;
  detail?: string;
  /** True when the source was read only in part (a size or time bound was hit). */
  truncated?: boolean;
  /** Lines, events, objects or datapoints read. */
  items?: number;
  bytes?: number;
}

/** The state of the thing diagnosed, as AWS reports it (run, crawl or step). */
export interface TargetStatus {
  state: string;
  /** True when AWS itself says it failed (FAILED, TIMEOUT, ERROR, CANCELLED crawl...). */
  failed: boolean;
  message?: string;
  /** Where the state came from, e.g. `glue:GetJobRun JobRun.JobRunState`. */
  location: string;
  source: EvidenceSource;
  startedOn?: string;
  completedOn?: string;
}

/** Everything the matchers may read. Built by fetchers; matchers never fetch. */
export interface Evidence {
  target: Target;
  region?: string;
  status?: TargetStatus;
  hits: LogHit[];
  /** Total matches per signal, including those beyond the kept `hits`. */
  hitCounts: Record<string, number>;
  /** Distinct values of a signal's `distinct` groups over every match (e.g. executors lost). */
  distinctCounts?: Record<string, number>;
  linesScanned: number;
  sources: SourceStatus[];
  glue?: {
    run?: GlueRunFacts;
    job?: GlueJobFacts;
    history?: GlueRunHistoryEntry[];
    bookmark?: BookmarkFacts;
  };
  metrics?: MetricSeries[];
  crawler?: CrawlerFacts;
  emr?: EmrFacts;
  stages?: SparkStageStats[];
}

export function emptyEvidence(target: Target): Evidence {
  return { target, hits: [], hitCounts: {}, linesScanned: 0, sources: [] };
}
