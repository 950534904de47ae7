import {
  GetJobCommand,
  GetJobRunCommand,
  paginateGetJobRuns,
  paginateGetJobs,
  type Job,
  type JobRun,
} from '@aws-sdk/client-glue';
import pLimit from 'p-limit';
import type { AwsClients } from '../aws/clients.js';
import { credentialProblem, isNotFound } from '../aws/errors.js';
import { UserError } from '../errors.js';
import type { Role } from '../evidence/model.js';
import type { GlueJobFacts, GlueRunFacts, GlueRunHistoryEntry } from '../evidence/glue.js';
import { readLogGroup, type GroupRead } from './cloudwatch-logs.js';
import type { SourceTracker } from './sources.js';
import type { FetchContext } from './context.js';
import { fetchGlueRunExtras } from './glue-run-extras.js';

const PROBLEM_STATES = new Set(['FAILED', 'TIMEOUT', 'ERROR']);
const FAILED_STATES = new Set(['FAILED', 'TIMEOUT', 'ERROR']);
const HISTORY_LIMIT = 50;

function iso(d: Date | undefined): string | undefined {
  return d ? d.toISOString() : undefined;
}

function runFacts(run: JobRun, jobName: string): GlueRunFacts {
  return {
    jobName: run.JobName ?? jobName,
    runId: run.Id ?? '',
    state: run.JobRunState ?? 'UNKNOWN',
    ...(run.ErrorMessage ? { errorMessage: run.ErrorMessage } : {}),
    ...(run.Attempt !== undefined ? { attempt: run.Attempt } : {}),
    ...(run.StartedOn ? { startedOn: iso(run.StartedOn) } : {}),
    ...(run.CompletedOn ? { completedOn: iso(run.CompletedOn) } : {}),
    ...(run.ExecutionTime !== undefined ? { executionTimeSec: run.ExecutionTime } : {}),
    ...(run.Timeout !== undefined ? { timeoutMin: run.Timeout } : {}),
    ...(run.WorkerType ? { workerType: run.WorkerType } : {}),
    ...(run.NumberOfWorkers !== undefined ? { numberOfWorkers: run.NumberOfWorkers } : {}),
    ...(run.MaxCapacity !== undefined ? { maxCapacity: run.MaxCapacity } : {}),
    ...(run.GlueVersion ? { glueVersion: run.GlueVersion } : {}),
    ...(run.ExecutionClass ? { executionClass: run.ExecutionClass } : {}),
    ...(run.LogGroupName ? { logGroupName: run.LogGroupName } : {}),
    ...(run.DPUSeconds !== undefined ? { dpuSeconds: run.DPUSeconds } : {}),
    arguments: { ...(run.Arguments ?? {}) },
  };
}

function jobFacts(job: Job): GlueJobFacts {
  return {
    name: job.Name ?? '',
    ...(job.Role ? { role: job.Role } : {}),
    ...(job.Command?.Name ? { command: job.Command.Name } : {}),
    ...(job.Command?.PythonVersion ? { pythonVersion: job.Command.PythonVersion } : {}),
    ...(job.Command?.ScriptLocation ? { scriptLocation: job.Command.ScriptLocation } : {}),
    ...(job.GlueVersion ? { glueVersion: job.GlueVersion } : {}),
    ...(job.WorkerType ? { workerType: job.WorkerType } : {}),
    ...(job.NumberOfWorkers !== undefined ? { numberOfWorkers: job.NumberOfWorkers } : {}),
    ...(job.MaxCapacity !== undefined ? { maxCapacity: job.MaxCapacity } : {}),
    ...(job.Timeout !== undefined ? { timeoutMin: job.Timeout } : {}),
    ...(job.ExecutionProperty?.MaxConcurrentRuns !== undefined
      ? { maxConcurrentRuns: job.ExecutionProperty.MaxConcurrentRuns }
      : {}),
    ...(job.MaxRetries !== undefined ? { maxRetries: job.MaxRetries } : {}),
    defaultArguments: { ...(job.DefaultArguments ?? {}) },
    ...(job.Connections?.Connections ? { connections: job.Connections.Connections } : {}),
    ...(job.SecurityConfiguration ? { securityConfiguration: job.SecurityConfiguration } : {}),
  };
}

export function historyEntry(run: JobRun): GlueRunHistoryEntry {
  return {
    runId: run.Id ?? '',
    state: run.JobRunState ?? 'UNKNOWN',
    ...(run.StartedOn ? { startedOn: iso(run.StartedOn) } : {}),
    ...(run.CompletedOn ? { completedOn: iso(run.CompletedOn) } : {}),
    ...(run.ExecutionTime !== undefined ? { executionTimeSec: run.ExecutionTime } : {}),
    ...(run.ErrorMessage ? { errorMessage: run.ErrorMessage } : {}),
    ...(run.Arguments ? { arguments: run.Arguments } : {}),
  };
}

async function recentRuns(clients: AwsClients, jobName: string): Promise<JobRun[]> {
  const runs: JobRun[] = [];
  for await (const page of paginateGetJobRuns({ client: clients.glue }, { JobName: jobName })) {
    runs.push(...(page.JobRuns ?? []));
    if (runs.length >= HISTORY_LIMIT) break;
  }
  return runs.sort((a, b) => (b.StartedOn?.getTime() ?? 0) - (a.StartedOn?.getTime() ?? 0));
}

/** With only a run id, asks each job for it: Glue has no look-up by run id alone. */
async function findJobOfRun(clients: AwsClients, runId: string): Promise<JobRun | undefined> {
  const names: string[] = [];
  for await (const page of paginateGetJobs({ client: clients.glue }, {})) {
    names.push(...(page.Jobs ?? []).map((j) => j.Name ?? '').filter(Boolean));
  }
  const limit = pLimit(4);
  const found = await Promise.all(
    names.map((name) =>
      limit(async () => {
        try {
          return (await clients.glue.send(new GetJobRunCommand({ JobName: name, RunId: runId }))).JobRun;
        } catch (err) {
          if (isNotFound(err)) return undefined;
          throw err;
        }
      }),
    ),
  );
  return found.find(Boolean);
}

async function notFound(what: string, clients: AwsClients): Promise<UserError> {
  return new UserError(
    `${what} not found in region ${await clients.region()} (check --region and --profile)`,
  );
}

/** Resolves the run to diagnose: the given one, the job's newest problem run, or the run id's job. */
async function resolveRun(
  clients: AwsClients,
  tracker: SourceTracker,
  jobName: string | undefined,
  runId: string | undefined,
): Promise<{ run: JobRun; history?: JobRun[] } | undefined> {
  tracker.start('glue:GetJobRun');
  try {
    if (jobName && runId) {
      const out = await clients.glue.send(new GetJobRunCommand({ JobName: jobName, RunId: runId }));
      if (!out.JobRun) throw await notFound(`Glue job run ${runId} of job ${jobName}`, clients);
      tracker.ok('glue:GetJobRun');
      return { run: out.JobRun };
    }
    if (runId) {
      const run = await findJobOfRun(clients, runId);
      if (!run) throw await notFound(`Glue job run ${runId}`, clients);
      tracker.ok('glue:GetJobRun', { detail: `run ${runId} belongs to job ${run.JobName}` });
      return { run };
    }
    const history = await recentRuns(clients, jobName!);
    const run = history.find((r) => PROBLEM_STATES.has(r.JobRunState ?? '')) ?? history[0];
    if (!run) throw new UserError(`Glue job ${jobName} has no runs in region ${await clients.region()}`);
    tracker.ok('glue:GetJobRun', {
      detail: `chose run ${run.Id} (${run.JobRunState}) of ${history.length} recent runs`,
    });
    return { run, history };
  } catch (err) {
    if (err instanceof UserError) throw err;
    const fatal = credentialProblem(err);
    if (fatal) throw fatal;
    if (isNotFound(err)) {
      throw await notFound(
        runId ? `Glue job run ${runId} of job ${jobName}` : `Glue job ${jobName}`,
        clients,
      );
    }
    // Denied, throttled past the retries, or broken: the report says so (outcome error-diagnosing).
    tracker.failed('glue:GetJobRun', err);
    return undefined;
  }
}

function streamRole(prefix: string): (name: string) => Role | undefined {
  return (name) => {
    const rest = name.slice(prefix.length);
    if (/progress-bar/.test(rest)) return undefined;
    if (/job-insights/.test(rest)) return 'insights';
    if (rest === '' || rest === '-driver' || /^[-_]driver$/.test(rest)) return 'driver';
    return 'executor';
  };
}

/** The log groups a run writes to, from its LogGroupName, Glue version and logging arguments. */
export function logGroupsOf(run: GlueRunFacts): GroupRead[] {
  const base = run.logGroupName ?? '/aws-glue/jobs';
  const args = run.arguments;
  const continuous = args['--enable-continuous-cloudwatch-log'] === 'true';
  const customGroup = args['--continuous-log-logGroup'];
  const streamPrefix = `${args['--continuous-log-logStreamPrefix'] ?? ''}${run.runId}`;
  const reads: GroupRead[] = [
    {
      group: `${base}/error`,
      prefix: run.runId,
      classify: streamRole(run.runId),
      missingHint: 'log group missing or expired',
    },
    { group: `${base}/output`, prefix: run.runId, classify: streamRole(run.runId), optional: true },
  ];
  const v2 = customGroup ?? `${base}/logs-v2`;
  reads.push({
    group: v2,
    prefix: streamPrefix,
    classify: streamRole(streamPrefix),
    optional: !continuous && !customGroup,
    missingHint: 'continuous logging group missing',
  });
  return reads;
}

/** Adds what the Glue API and CloudWatch Logs know about one job run to the evidence. */
export async function fetchGlueJobRun(ctx: FetchContext): Promise<void> {
  const { clients, evidence, collector, tracker, budget } = ctx;
  const target = evidence.target;
  if (target.kind !== 'glue-job-run') return;
  const resolved = await resolveRun(clients, tracker, target.jobName, target.runId);
  if (!resolved) return;
  const { run, history } = resolved;
  const jobName = run.JobName ?? target.jobName ?? '';
  const facts = runFacts(run, jobName);
  evidence.target = { kind: 'glue-job-run', jobName, runId: facts.runId };
  evidence.glue = { run: facts, ...(history ? { history: history.map(historyEntry) } : {}) };
  evidence.status = {
    state: facts.state,
    failed: FAILED_STATES.has(facts.state),
    ...(facts.errorMessage ? { message: facts.errorMessage } : {}),
    location: `glue:GetJobRun ${jobName}/${facts.runId} JobRun.JobRunState`,
    source: 'glue-api',
    ...(facts.startedOn ? { startedOn: facts.startedOn } : {}),
    ...(facts.completedOn ? { completedOn: facts.completedOn } : {}),
  };
  if (facts.errorMessage) {
    const sink = collector.open({
      source: 'glue-api',
      location: `glue:GetJobRun ${jobName}/${facts.runId} JobRun.ErrorMessage`,
      role: 'unknown',
    });
    sink.write(facts.errorMessage, facts.completedOn);
    sink.end(facts.completedOn);
  }
  const job = await tracker.read(
    'glue:GetJob',
    async () => (await clients.glue.send(new GetJobCommand({ JobName: jobName }))).Job,
  );
  if (job) {
    evidence.glue.job = jobFacts(job);
    facts.arguments = { ...evidence.glue.job.defaultArguments, ...facts.arguments };
  }
  for (const read of logGroupsOf(facts)) await readLogGroup(clients, read, collector, tracker, budget);
  await fetchGlueRunExtras(clients, evidence, collector, tracker);
}
