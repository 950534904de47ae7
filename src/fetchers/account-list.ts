import {
  paginateGetCrawlerMetrics,
  paginateGetCrawlers,
  paginateGetJobRuns,
  paginateGetJobs,
  type Crawler,
  type JobRun,
} from '@aws-sdk/client-glue';
import {
  paginateListClusters,
  paginateListSteps,
  type ClusterState,
  type ClusterSummary,
  type StepSummary,
} from '@aws-sdk/client-emr';
import pLimit from 'p-limit';
import type { AwsClients } from '../aws/clients.js';
import { classifyAwsError, credentialProblem } from '../aws/errors.js';
import type { SourceStatus, SourceStatusKind } from '../evidence/model.js';
import type { Target } from '../target.js';

/**
 * The account-wide listing behind `triage`: recent Glue job runs that failed, timed out or errored,
 * crawlers whose last crawl failed (and, as it costs nothing more, those whose last crawl succeeded:
 * a crawl that "succeeds" can still make the wrong tables), and failed EMR steps on recent clusters.
 * Each listing source is read on its own: one that is denied or throttled is reported as such and the
 * others still fill the list. Only credential problems stop the listing (they would stop everything).
 */

import { ITEM_KINDS, DEFAULT_PER_JOB, type ItemKind } from './account-kinds.js';
export { ITEM_KINDS, DEFAULT_PER_JOB, type ItemKind };

/** One thing worth a look. Strings come from AWS as they are: sanitise them before showing them. */
export interface ProblemItem {
  /** Unique within a listing. */
  key: string;
  kind: ItemKind;
  /** Job name, crawler name, or `cluster name / step name`. */
  name: string;
  /** Run id, `crawl`, or step id. */
  id: string;
  state: string;
  /** True when AWS says it failed; false for a succeeded crawl listed for a look. */
  failed: boolean;
  /** ISO-8601. */
  startedOn?: string;
  durationSec?: number;
  /** The error message AWS gives, when it gives one. */
  message?: string;
  /** What `runDiagnosis` takes to diagnose this item. */
  target: Target;
  consoleUrl: string;
}

/** The three listing sources, in display order. */
export const LIST_SOURCES = {
  'glue-job': 'Glue job runs',
  crawler: 'Glue crawlers',
  'emr-step': 'EMR steps',
} as const satisfies Record<ItemKind, string>;
export type ListSourceName = (typeof LIST_SOURCES)[ItemKind];

export type ListEvent =
  | { type: 'region'; region: string }
  | { type: 'source-start'; name: ListSourceName }
  | { type: 'items'; source: ListSourceName; items: ProblemItem[] }
  | { type: 'source-done'; source: SourceStatus };

export interface ListOptions {
  /** Oldest start time listed. */
  since: Date;
  /** Newest start time listed ("now"; injectable so that listings of recorded fixtures are stable). */
  now: Date;
  /** Which sources to read; default all. */
  kinds?: readonly ItemKind[];
  /** Newest problem runs kept per Glue job (default 3). */
  perJob?: number;
  onEvent?: (event: ListEvent) => void;
}

export interface ListResult {
  region: string;
  items: ProblemItem[];
  sources: SourceStatus[];
}

const GLUE_CONCURRENCY = 4;
/** EMR's List/Describe APIs have low rate limits. */
const EMR_CONCURRENCY = 2;
const GLUE_PROBLEM_STATES = new Set(['FAILED', 'TIMEOUT', 'ERROR']);
const CRAWL_FAILED_STATES = new Set(['FAILED', 'CANCELLED']);
const ALL_CLUSTER_STATES: ClusterState[] = [
  'STARTING',
  'BOOTSTRAPPING',
  'RUNNING',
  'WAITING',
  'TERMINATING',
  'TERMINATED',
  'TERMINATED_WITH_ERRORS',
];
const ACTIVE_CLUSTER_STATES: ClusterState[] = ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING'];

/** The AWS console page of an item (Glue Studio run page, crawler page, EMR cluster page). */
export function consoleUrl(target: Target, region: string): string {
  const base = `https://${region}.console.aws.amazon.com`;
  const q = `region=${encodeURIComponent(region)}`;
  const e = encodeURIComponent;
  switch (target.kind) {
    case 'glue-job-run':
      return `${base}/gluestudio/home?${q}#/job/${e(target.jobName ?? '')}/run/${e(target.runId ?? '')}`;
    case 'glue-crawler':
      return `${base}/glue/home?${q}#/v2/data-catalog/crawlers/view/${e(target.crawlerName)}`;
    case 'emr-step':
      return `${base}/emr/home?${q}#/clusterDetails/${e(target.clusterId)}`;
    case 'log-files':
      return '';
  }
}

/** Newest first; items without a start time last. */
export function newestFirst(a: ProblemItem, b: ProblemItem): number {
  const ta = a.startedOn ? Date.parse(a.startedOn) : -Infinity;
  const tb = b.startedOn ? Date.parse(b.startedOn) : -Infinity;
  return tb - ta || a.key.localeCompare(b.key);
}

function inWindow(date: Date | undefined, options: ListOptions): boolean {
  if (!date) return false;
  const t = date.getTime();
  return t >= options.since.getTime() && t <= options.now.getTime();
}

function seconds(from: Date | undefined, to: Date | undefined): number | undefined {
  if (!from || !to) return undefined;
  const s = Math.round((to.getTime() - from.getTime()) / 1000);
  return s >= 0 ? s : undefined;
}

/** A failure of one listing call: credential problems stop everything, the rest are classified. */
function classify(err: unknown): { status: SourceStatusKind; detail: string } {
  const fatal = credentialProblem(err);
  if (fatal) throw fatal;
  return classifyAwsError(err);
}

interface SourceContext {
  clients: AwsClients;
  region: string;
  options: ListOptions;
  emit(items: ProblemItem[]): void;
}

/** What a listing source says when done: `ok` with a count, or the failure, with partial failures. */
interface SourceOutcome {
  status: SourceStatusKind;
  detail: string;
  items: number;
}

function partial(
  what: string,
  failures: { status: SourceStatusKind; detail: string }[],
  total: number,
  items: number,
  okDetail: string,
): SourceOutcome {
  const first = failures[0];
  if (!first) return { status: 'ok', detail: okDetail, items };
  return {
    status: first.status,
    detail: `${failures.length} of ${total} ${what} not read (${first.detail}); ${okDetail}`,
    items,
  };
}

function jobRunItem(run: JobRun, jobName: string, region: string): ProblemItem {
  const runId = run.Id ?? '';
  const target: Target = { kind: 'glue-job-run', jobName, runId };
  const duration = run.ExecutionTime ?? seconds(run.StartedOn, run.CompletedOn);
  return {
    key: `glue-job:${jobName}:${runId}`,
    kind: 'glue-job',
    name: jobName,
    id: runId,
    state: run.JobRunState ?? 'UNKNOWN',
    failed: true,
    ...(run.StartedOn ? { startedOn: run.StartedOn.toISOString() } : {}),
    ...(duration !== undefined ? { durationSec: duration } : {}),
    ...(run.ErrorMessage ? { message: run.ErrorMessage } : {}),
    target,
    consoleUrl: consoleUrl(target, region),
  };
}

/** The newest problem runs of one job within the window; pages stop once runs are older than it. */
async function problemRunsOf(ctx: SourceContext, jobName: string): Promise<ProblemItem[]> {
  const perJob = ctx.options.perJob ?? DEFAULT_PER_JOB;
  const found: JobRun[] = [];
  let older = false;
  for await (const page of paginateGetJobRuns({ client: ctx.clients.glue }, { JobName: jobName })) {
    for (const run of page.JobRuns ?? []) {
      if (run.StartedOn && run.StartedOn.getTime() < ctx.options.since.getTime()) older = true;
      if (GLUE_PROBLEM_STATES.has(run.JobRunState ?? '') && inWindow(run.StartedOn, ctx.options))
        found.push(run);
    }
    // Glue returns runs newest first: once a page reaches before the window, the rest is older still.
    if (older) break;
  }
  return found
    .sort((a, b) => (b.StartedOn?.getTime() ?? 0) - (a.StartedOn?.getTime() ?? 0))
    .slice(0, perJob)
    .map((run) => jobRunItem(run, jobName, ctx.region));
}

async function listGlueJobRuns(ctx: SourceContext): Promise<SourceOutcome> {
  const names: string[] = [];
  for await (const page of paginateGetJobs({ client: ctx.clients.glue }, {})) {
    names.push(...(page.Jobs ?? []).map((job) => job.Name ?? '').filter(Boolean));
  }
  const limit = pLimit(GLUE_CONCURRENCY);
  const failures: { status: SourceStatusKind; detail: string }[] = [];
  let count = 0;
  await Promise.all(
    names.map((name) =>
      limit(async () => {
        try {
          const items = await problemRunsOf(ctx, name);
          count += items.length;
          if (items.length > 0) ctx.emit(items);
        } catch (err) {
          failures.push(classify(err));
        }
      }),
    ),
  );
  const ok = `${names.length} job${names.length === 1 ? '' : 's'}, ${count} problem run${count === 1 ? '' : 's'}`;
  return partial('jobs', failures, names.length, count, ok);
}

function crawlItem(crawler: Crawler, region: string, runtime: Map<string, number>): ProblemItem {
  const name = crawler.Name ?? '';
  const last = crawler.LastCrawl ?? {};
  const target: Target = { kind: 'glue-crawler', crawlerName: name };
  const duration = runtime.get(name);
  return {
    key: `crawler:${name}`,
    kind: 'crawler',
    name,
    id: 'last crawl',
    state: last.Status ?? 'UNKNOWN',
    failed: CRAWL_FAILED_STATES.has(last.Status ?? ''),
    ...(last.StartTime ? { startedOn: last.StartTime.toISOString() } : {}),
    ...(duration !== undefined ? { durationSec: Math.round(duration) } : {}),
    ...(last.ErrorMessage ? { message: last.ErrorMessage } : {}),
    target,
    consoleUrl: consoleUrl(target, region),
  };
}

/** Last-crawl run times, one call per 100 crawlers; a failure here only costs the duration column. */
async function crawlRuntimes(ctx: SourceContext, names: string[]): Promise<Map<string, number>> {
  const runtime = new Map<string, number>();
  for (let i = 0; i < names.length; i += 100) {
    try {
      const pages = paginateGetCrawlerMetrics(
        { client: ctx.clients.glue },
        { CrawlerNameList: names.slice(i, i + 100) },
      );
      for await (const page of pages) {
        for (const m of page.CrawlerMetricsList ?? []) {
          if (m.CrawlerName && m.LastRuntimeSeconds !== undefined)
            runtime.set(m.CrawlerName, m.LastRuntimeSeconds);
        }
      }
    } catch (err) {
      classify(err);
    }
  }
  return runtime;
}

async function listCrawlers(ctx: SourceContext): Promise<SourceOutcome> {
  const recent: Crawler[] = [];
  let total = 0;
  for await (const page of paginateGetCrawlers({ client: ctx.clients.glue }, {})) {
    for (const crawler of page.Crawlers ?? []) {
      total += 1;
      if (crawler.Name && crawler.LastCrawl?.Status && inWindow(crawler.LastCrawl.StartTime, ctx.options))
        recent.push(crawler);
    }
  }
  const runtime =
    recent.length > 0
      ? await crawlRuntimes(
          ctx,
          recent.map((c) => c.Name ?? ''),
        )
      : new Map<string, number>();
  const items = recent.map((c) => crawlItem(c, ctx.region, runtime));
  if (items.length > 0) ctx.emit(items);
  const failed = items.filter((i) => i.failed).length;
  return {
    status: 'ok',
    detail: `${total} crawler${total === 1 ? '' : 's'}, ${failed} failed crawl${failed === 1 ? '' : 's'}`,
    items: items.length,
  };
}

function stepItem(cluster: ClusterSummary, step: StepSummary, region: string): ProblemItem {
  const clusterId = cluster.Id ?? '';
  const stepId = step.Id ?? '';
  const timeline = step.Status?.Timeline;
  const started = timeline?.StartDateTime ?? timeline?.CreationDateTime;
  const failure = step.Status?.FailureDetails;
  const message =
    [failure?.Reason, failure?.Message].filter(Boolean).join(': ') || step.Status?.StateChangeReason?.Message;
  const target: Target = { kind: 'emr-step', clusterId, stepId };
  const duration = seconds(timeline?.StartDateTime, timeline?.EndDateTime);
  return {
    key: `emr-step:${clusterId}:${stepId}`,
    kind: 'emr-step',
    name: `${cluster.Name ?? clusterId} / ${step.Name ?? stepId}`,
    id: `${clusterId} ${stepId}`,
    state: step.Status?.State ?? 'UNKNOWN',
    failed: true,
    ...(started ? { startedOn: started.toISOString() } : {}),
    ...(duration !== undefined ? { durationSec: duration } : {}),
    ...(message ? { message } : {}),
    target,
    consoleUrl: consoleUrl(target, region),
  };
}

async function listEmrSteps(ctx: SourceContext): Promise<SourceOutcome> {
  const clusters = new Map<string, ClusterSummary>();
  // Clusters created in the window, and long-running ones still up that were created before it.
  const queries = [
    { CreatedAfter: ctx.options.since, ClusterStates: ALL_CLUSTER_STATES },
    { ClusterStates: ACTIVE_CLUSTER_STATES },
  ];
  for (const query of queries) {
    for await (const page of paginateListClusters({ client: ctx.clients.emr }, query)) {
      for (const cluster of page.Clusters ?? [])
        if (cluster.Id && !clusters.has(cluster.Id)) clusters.set(cluster.Id, cluster);
    }
  }
  const limit = pLimit(EMR_CONCURRENCY);
  const failures: { status: SourceStatusKind; detail: string }[] = [];
  let count = 0;
  await Promise.all(
    [...clusters.values()].map((cluster) =>
      limit(async () => {
        try {
          const items: ProblemItem[] = [];
          for await (const page of paginateListSteps(
            { client: ctx.clients.emr },
            { ClusterId: cluster.Id, StepStates: ['FAILED'] },
          )) {
            for (const step of page.Steps ?? []) {
              const timeline = step.Status?.Timeline;
              // StepStates asks for failed steps only; an endpoint that ignores the filter must not list others.
              if (step.Status?.State !== 'FAILED') continue;
              if (inWindow(timeline?.StartDateTime ?? timeline?.CreationDateTime, ctx.options))
                items.push(stepItem(cluster, step, ctx.region));
            }
          }
          count += items.length;
          if (items.length > 0) ctx.emit(items);
        } catch (err) {
          failures.push(classify(err));
        }
      }),
    ),
  );
  const ok = `${clusters.size} cluster${clusters.size === 1 ? '' : 's'}, ${count} failed step${count === 1 ? '' : 's'}`;
  return partial('clusters', failures, clusters.size, count, ok);
}

const READERS: Record<ItemKind, (ctx: SourceContext) => Promise<SourceOutcome>> = {
  'glue-job': listGlueJobRuns,
  crawler: listCrawlers,
  'emr-step': listEmrSteps,
};

/**
 * Lists recent problem items across the account, newest first. Items are also sent to `onEvent` as
 * each source answers, so a UI can fill its list progressively.
 */
export async function listProblems(clients: AwsClients, options: ListOptions): Promise<ListResult> {
  const region = await clients.region();
  const emitEvent = options.onEvent ?? (() => {});
  emitEvent({ type: 'region', region });
  const kinds = ITEM_KINDS.filter((k) => !options.kinds || options.kinds.includes(k));
  const items: ProblemItem[] = [];
  const sources: SourceStatus[] = [];
  await Promise.all(
    kinds.map(async (kind) => {
      const name = LIST_SOURCES[kind];
      emitEvent({ type: 'source-start', name });
      const ctx: SourceContext = {
        clients,
        region,
        options,
        emit(found) {
          items.push(...found);
          emitEvent({ type: 'items', source: name, items: found });
        },
      };
      let source: SourceStatus;
      try {
        const outcome = await READERS[kind](ctx);
        source = { name, status: outcome.status, detail: outcome.detail, items: outcome.items };
      } catch (err) {
        const { status, detail } = classify(err);
        source = { name, status, detail };
      }
      sources.push(source);
      emitEvent({ type: 'source-done', source });
    }),
  );
  sources.sort(
    (a, b) =>
      Object.values(LIST_SOURCES).indexOf(a.name as ListSourceName) -
      Object.values(LIST_SOURCES).indexOf(b.name as ListSourceName),
  );
  return { region, items: items.sort(newestFirst), sources };
}
