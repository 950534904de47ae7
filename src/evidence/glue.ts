/** Facts about a Glue job run and its job, free of SDK types. */
export interface GlueRunFacts {
  jobName: string;
  runId: string;
  state: string;
  errorMessage?: string;
  attempt?: number;
  startedOn?: string;
  completedOn?: string;
  executionTimeSec?: number;
  timeoutMin?: number;
  workerType?: string;
  numberOfWorkers?: number;
  maxCapacity?: number;
  glueVersion?: string;
  executionClass?: string;
  logGroupName?: string;
  /** Run arguments merged over the job's default arguments. */
  arguments: Record<string, string>;
  dpuSeconds?: number;
}

export interface GlueJobFacts {
  name: string;
  role?: string;
  command?: string;
  pythonVersion?: string;
  scriptLocation?: string;
  glueVersion?: string;
  workerType?: string;
  numberOfWorkers?: number;
  maxCapacity?: number;
  timeoutMin?: number;
  maxConcurrentRuns?: number;
  maxRetries?: number;
  defaultArguments: Record<string, string>;
  connections?: string[];
  securityConfiguration?: string;
}

/** One earlier run of the same job (issue 4 reads these for bookmark and trend analysis). */
export interface GlueRunHistoryEntry {
  runId: string;
  state: string;
  startedOn?: string;
  completedOn?: string;
  executionTimeSec?: number;
  errorMessage?: string;
  arguments?: Record<string, string>;
  /** Records and bytes the run read, from its CloudWatch job metrics (issue 4), when it had them. */
  recordsRead?: number;
  bytesRead?: number;
}

export interface BookmarkFacts {
  /** `job-bookmark-enable`, `job-bookmark-disable`, `job-bookmark-pause` (from arguments). */
  option?: string;
  version?: number;
  run?: number;
  attempt?: number;
  previousRunId?: string;
  runId?: string;
  jobBookmark?: string;
  /** `saved`: GetJobBookmark returned an entry; `none`: EntityNotFound (no run has committed one yet). */
  state?: 'saved' | 'none' | 'unknown';
  /** The bookmarked sources (transformation_ctx keys) in the saved state, with what each says. */
  sources?: BookmarkSource[];
}

/** One `transformation_ctx` entry of a saved bookmark. */
export interface BookmarkSource {
  ctx: string;
  /** `jsonClass` of the state, e.g. HadoopDataSourceJobBookmarkState, JDBCDataSourceJobBookmarkState. */
  kind?: string;
  /** Timestamps and keys the state holds (RUN, HIGH_BAND, CURR_RUN_START_TIME, jdbc keys...). */
  values: Record<string, string>;
}
