import type { Evidence } from '../evidence/model.js';
import type { Vars } from '../playbooks/render.js';

const LARGER_WORKER: Record<string, string> = {
  Standard: 'G.1X',
  'G.025X': 'G.1X',
  'G.1X': 'G.2X',
  'G.2X': 'G.4X',
  'G.4X': 'G.8X',
  'G.8X': 'G.12X',
  'G.12X': 'G.16X',
  'R.1X': 'R.2X',
  'R.2X': 'R.4X',
  'R.4X': 'R.8X',
  'Z.2X': 'G.2X',
};

function bucketOf(uri: string | undefined): string | undefined {
  return uri ? /^s3a?n?:\/\/([^/]+)/.exec(uri)?.[1] : undefined;
}

function double(n: number | undefined): string | undefined {
  return n !== undefined ? String(n * 2) : undefined;
}

/** The names a playbook fills in, from what the fetchers found about the target. */
export function varsFromEvidence(evidence: Evidence): Vars {
  const run = evidence.glue?.run;
  const job = evidence.glue?.job;
  const target = evidence.target;
  const crawler = evidence.crawler;
  const workerType = run?.workerType ?? job?.workerType;
  const workers = run?.numberOfWorkers ?? job?.numberOfWorkers;
  const timeout = run?.timeoutMin ?? job?.timeoutMin;
  const args = { ...(job?.defaultArguments ?? {}), ...(run?.arguments ?? {}) };
  const tempDir = args['--TempDir'];
  const emrApplication = evidence.emr?.applications[0];
  const vars: Vars = {
    region: evidence.region,
    jobName: run?.jobName ?? job?.name ?? (target.kind === 'glue-job-run' ? target.jobName : undefined),
    runId: run?.runId ?? (target.kind === 'glue-job-run' ? target.runId : undefined),
    glueVersion: run?.glueVersion ?? job?.glueVersion,
    workerType,
    largerWorkerType: workerType ? LARGER_WORKER[workerType] : undefined,
    numberOfWorkers: workers !== undefined ? String(workers) : undefined,
    moreWorkers: double(workers),
    timeoutMin: timeout !== undefined ? String(timeout) : undefined,
    longerTimeoutMin: double(timeout),
    maxConcurrentRuns: job?.maxConcurrentRuns !== undefined ? String(job.maxConcurrentRuns) : undefined,
    scriptLocation: job?.scriptLocation,
    tempDir,
    bucket: bucketOf(tempDir) ?? bucketOf(job?.scriptLocation) ?? bucketOf(crawler?.s3Targets[0]?.path),
    logGroup: run?.logGroupName ? `${run.logGroupName}/error` : crawler?.lastCrawl?.logGroup,
    crawlerName: crawler?.name ?? (target.kind === 'glue-crawler' ? target.crawlerName : undefined),
    databaseName: crawler?.databaseName,
    tableName: crawler?.tables?.length === 1 ? crawler.tables[0]!.name : undefined,
    path: crawler?.s3Targets.length === 1 ? crawler.s3Targets[0]!.path : undefined,
    clusterId: evidence.emr?.clusterId ?? (target.kind === 'emr-step' ? target.clusterId : undefined),
    stepId: evidence.emr?.stepId ?? (target.kind === 'emr-step' ? target.stepId : undefined),
    logUri: evidence.emr?.logUri,
    applicationId: emrApplication?.id,
    containerId: emrApplication?.failedContainers[0],
  };
  return Object.fromEntries(Object.entries(vars).filter(([, v]) => v !== undefined && v !== ''));
}
