import { UsageError } from '../../errors.js';
import type { Target } from '../../target.js';

export interface TargetFlags {
  jobName?: string;
  jobRunId?: string;
  crawler?: string;
  clusterId?: string;
  stepId?: string;
  logFile?: string[];
  eventLog?: string[];
}

/** Exactly one kind of target, from the flags; the fixture's own target when none is given with --replay. */
export function targetFromFlags(flags: TargetFlags, fallback?: Target): Target {
  const kinds: Target[] = [];
  if (flags.jobName || flags.jobRunId) {
    kinds.push({
      kind: 'glue-job-run',
      ...(flags.jobName ? { jobName: flags.jobName } : {}),
      ...(flags.jobRunId ? { runId: flags.jobRunId } : {}),
    });
  }
  if (flags.crawler) kinds.push({ kind: 'glue-crawler', crawlerName: flags.crawler });
  if (flags.clusterId)
    kinds.push({
      kind: 'emr-step',
      clusterId: flags.clusterId,
      ...(flags.stepId ? { stepId: flags.stepId } : {}),
    });
  else if (flags.stepId) throw new UsageError('--step-id needs --cluster-id');
  if (flags.logFile?.length || flags.eventLog?.length) {
    kinds.push({
      kind: 'log-files',
      paths: flags.logFile ?? [],
      ...(flags.eventLog?.length ? { eventLogs: flags.eventLog } : {}),
    });
  }
  if (kinds.length > 1) {
    throw new UsageError('give one target: --job-name/--job-run-id, --crawler, --cluster-id, or --log-file');
  }
  const target = kinds[0] ?? fallback;
  if (!target) {
    throw new UsageError(
      'no target: give --job-name/--job-run-id, --crawler, --cluster-id or --log-file (see etl-doctor diagnose --help)',
    );
  }
  if (flags.jobRunId && !/^jr_[0-9a-zA-Z_]+$/.test(flags.jobRunId)) {
    throw new UsageError(
      `--job-run-id "${flags.jobRunId}" is not a Glue job run id (they look like jr_0123abcd...)`,
    );
  }
  if (flags.clusterId && !/^j-[0-9A-Z]+$/.test(flags.clusterId)) {
    throw new UsageError(
      `--cluster-id "${flags.clusterId}" is not an EMR cluster id (they look like j-1ABCDEFGHIJKL)`,
    );
  }
  if (flags.stepId && !/^s-[0-9A-Z]+$/.test(flags.stepId)) {
    throw new UsageError(
      `--step-id "${flags.stepId}" is not an EMR step id (they look like s-1ABCDEFGHIJKL)`,
    );
  }
  return target;
}
