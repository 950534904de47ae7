/** Facts about an EMR cluster and step. Filled by the EMR fetchers (issue 6). */
export interface EmrFacts {
  clusterId: string;
  stepId?: string;
  stepName?: string;
  stepState?: string;
  logUri?: string;
  releaseLabel?: string;
  failureDetails?: { reason?: string; message?: string; logFile?: string };
  [key: string]: unknown;
}
