/** What a diagnosis is about. Shapes match the JSON report's `target` (shared/spec/cli.md). */
export type Target =
  | { kind: 'glue-job-run'; jobName?: string; runId?: string }
  | { kind: 'glue-crawler'; crawlerName: string }
  | { kind: 'emr-step'; clusterId: string; stepId?: string }
  | { kind: 'log-files'; paths: string[]; eventLogs?: string[] };

export type TargetKind = Target['kind'];

export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'glue-job-run':
      return `Glue job run ${target.jobName ?? '?'} / ${target.runId ?? '(newest problem run)'}`;
    case 'glue-crawler':
      return `Glue crawler ${target.crawlerName}`;
    case 'emr-step':
      return `EMR step ${target.clusterId} / ${target.stepId ?? '(newest failed step)'}`;
    case 'log-files':
      return `log files ${[...target.paths, ...(target.eventLogs ?? [])].join(', ')}`;
  }
}
