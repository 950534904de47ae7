/** Per-stage task statistics from a Spark event log (issue 4). */
export interface SparkStageStats {
  stageId: number;
  attemptId: number;
  name: string;
  numTasks: number;
  durationMs: { median: number; max: number; p75?: number };
  shuffleReadBytes: { median: number; max: number; total: number };
  [key: string]: unknown;
}
