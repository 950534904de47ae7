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
}
