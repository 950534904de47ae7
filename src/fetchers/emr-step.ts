import type { EvidenceCollector } from '../evidence/collector.js';
import type { EmrFacts, EmrFailureDetails } from '../evidence/emr.js';
import type { TargetStatus } from '../evidence/model.js';
import {
  clusterFacts,
  describeCluster,
  readCapacity,
  readLostInstances,
  resolveStep,
  stepConfig,
  type StepDescription,
} from './emr-api.js';
import { readEmrLogs } from './emr-logs.js';
import { parseS3Uri } from './s3-logs.js';
import type { FetchContext } from './context.js';

/** Step states in which the step did not do its work. */
const FAILED_STATES = new Set(['FAILED', 'CANCELLED', 'INTERRUPTED']);
/** Signals that say executors or nodes went away: then the instance history is worth a call. */
const LOSS_SIGNALS = ['executor-lost', 'node-loss', 'exit-137'];

/** `s3n://bucket/prefix` -> `s3://bucket/prefix/`, the form `aws s3` commands and playbooks take. */
function normaliseLogUri(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const where = parseS3Uri(uri);
  if (!where) return uri;
  const key = where.key === '' || where.key.endsWith('/') ? where.key : `${where.key}/`;
  return `s3://${where.bucket}/${key}`;
}

function failureDetails(step: StepDescription): EmrFailureDetails | undefined {
  const d = step.Status?.FailureDetails;
  if (!d?.Reason && !d?.Message && !d?.LogFile) return undefined;
  return {
    ...(d.Reason ? { reason: d.Reason } : {}),
    ...(d.Message ? { message: d.Message } : {}),
    ...(d.LogFile ? { logFile: d.LogFile } : {}),
  };
}

/** "Unknown Error", or "Output directory already exists: org.apache...". */
function failureText(details: EmrFailureDetails | undefined): string | undefined {
  const reason = details?.reason?.trim().replace(/\.$/, '');
  const message = details?.message?.trim();
  if (reason && message && !message.startsWith(reason)) return `${reason}: ${message}`;
  return message || reason || undefined;
}

function targetStatus(facts: EmrFacts): TargetStatus {
  const state = facts.stepState ?? 'UNKNOWN';
  const message = failureText(facts.failureDetails);
  return {
    state,
    failed: FAILED_STATES.has(state),
    ...(message ? { message } : {}),
    location: `emr:DescribeStep ${facts.stepId} Status.State`,
    source: 'emr-api',
    ...(facts.step?.startedOn ? { startedOn: facts.step.startedOn } : {}),
    ...(facts.step?.endedOn ? { completedOn: facts.step.endedOn } : {}),
  };
}

/**
 * Lost nodes matter when the step failed and something points at them: Spot capacity, log lines
 * about lost executors or killed containers, or no logs to tell either way.
 */
function lostNodesMatter(
  facts: EmrFacts,
  failed: boolean,
  logsRead: boolean,
  collector: EvidenceCollector,
): boolean {
  if (!failed) return false;
  const counts = collector.counts();
  const spot = facts.capacity.length === 0 || facts.capacity.some((c) => c.markets.includes('SPOT'));
  return spot || !logsRead || LOSS_SIGNALS.some((s) => (counts[s] ?? 0) > 0);
}

/** Adds what the EMR API and the step and container logs in S3 know about a step (issue 6). */
export async function fetchEmrStep(ctx: FetchContext): Promise<void> {
  const { clients, evidence, collector, tracker, budget } = ctx;
  const target = evidence.target;
  if (target.kind !== 'emr-step') return;
  const clusterId = target.clusterId;
  const cluster = await describeCluster(clients, tracker, clusterId);
  const cfacts = cluster ? clusterFacts(cluster) : undefined;
  const [{ step }, capacity] = await Promise.all([
    resolveStep(clients, tracker, clusterId, target.stepId),
    readCapacity(clients, tracker, clusterId, cfacts?.instanceCollectionType),
  ]);
  const stepId = step.Id ?? target.stepId ?? '';
  const details = failureDetails(step);
  const logUri = normaliseLogUri(cluster?.LogUri);
  const facts: EmrFacts = {
    clusterId,
    stepId,
    ...(step.Name ? { stepName: step.Name } : {}),
    ...(step.Status?.State ? { stepState: step.Status.State } : {}),
    ...(logUri ? { logUri } : {}),
    ...(cluster?.ReleaseLabel ? { releaseLabel: cluster.ReleaseLabel } : {}),
    ...(details ? { failureDetails: details } : {}),
    ...(cfacts ? { cluster: cfacts } : {}),
    step: stepConfig(step),
    capacity,
    applications: [],
  };
  evidence.target = { kind: 'emr-step', clusterId, stepId };
  evidence.emr = facts;
  evidence.status = targetStatus(facts);

  if (details?.message) {
    const sink = collector.open({
      source: 'emr-api',
      location: `emr:DescribeStep ${stepId} FailureDetails.Message`,
      role: 'step',
    });
    sink.write(details.message, facts.step?.endedOn);
    sink.end(facts.step?.endedOn);
  }

  // Without the cluster (DescribeCluster failed) the log location is unknown; that source already says so.
  const logsRead = cluster ? await readEmrLogs(clients, facts, collector, tracker, budget) : false;

  const start = Date.parse(facts.step?.startedOn ?? facts.step?.createdOn ?? '');
  if (!Number.isNaN(start) && lostNodesMatter(facts, evidence.status.failed, logsRead, collector)) {
    const end = Date.parse(facts.step?.endedOn ?? '') || Date.now();
    const lost = await readLostInstances(clients, tracker, clusterId, { start, end }, capacity);
    if (lost) facts.lostInstances = lost;
  }
}
