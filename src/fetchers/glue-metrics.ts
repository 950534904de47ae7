import {
  GetMetricDataCommand,
  ListMetricsCommand,
  type Metric,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import type { AwsClients } from '../aws/clients.js';
import { credentialProblem } from '../aws/errors.js';
import type { Evidence } from '../evidence/model.js';
import { classifyGlueMetric, sumOf, type MetricKind, type MetricSeries } from '../evidence/metrics.js';
import type { SourceTracker } from './sources.js';

/**
 * CloudWatch metrics of one Glue run, in one discovery call and one data call (each paginated):
 *
 * 1. ListMetrics (namespace `Glue`, JobName + JobRunId) names every series the run has, with the exact
 *    dimension sets GetMetricData needs: the classic job metrics (`--enable-metrics`: JobName, JobRunId,
 *    Type) including one `glue.<n>.*` series per executor, and the observability metrics
 *    (`--enable-observability-metrics`, Glue 4.0+: the same plus ObservabilityGroup). ListMetrics only
 *    knows series with data in the last two weeks; for older runs a fixed list of names is asked instead.
 * 2. GetMetricData asks every wanted series at once under our own query ids, paginated by NextToken.
 *
 * For the job bookmark, a second GetMetricData asks records and bytes read by the job's recent runs.
 * Series that do not exist are recorded in `sources` as missing, naming the argument that enables them.
 */

export const JOB_METRICS_SOURCE = 'cloudwatch:Glue job metrics';
export const OBSERVABILITY_SOURCE = 'cloudwatch:Glue observability metrics';
const NAMESPACE = 'Glue';
const LIST_PAGES = 40;
const MAX_QUERIES = 500;
const MAX_SERIES = 400;
const MAX_DATA_PAGES = 50;
const HISTORY_RUNS = 10;

interface Wanted {
  name: string;
  dimensions: Record<string, string>;
  stat: string;
  kind: MetricKind;
}

/** The statistic that answers "how bad did it get" for each kind of series; undefined: not asked. */
function statFor(kind: MetricKind): string | undefined {
  switch (kind) {
    case 'heap-usage':
    case 'heap-percent':
    case 'memory-percent':
    case 'disk-percent':
    case 'disk-used-mb':
    case 'skewness':
    case 'executors':
      return 'Maximum';
    case 'worker-utilization':
      return 'Average';
    case 'records-read':
    case 'bytes-read':
    case 'shuffle-read':
    case 'shuffle-written':
    case 'failed-tasks':
    case 'error-category':
      return 'Sum';
    case 'other':
      return undefined;
  }
}

/** The classic names asked when ListMetrics cannot name the run's series (runs older than two weeks). */
const CLASSIC: [string, 'gauge' | 'count'][] = [
  ['glue.driver.jvm.heap.usage', 'gauge'],
  ['glue.ALL.jvm.heap.usage', 'gauge'],
  ['glue.driver.aggregate.recordsRead', 'count'],
  ['glue.driver.aggregate.bytesRead', 'count'],
  ['glue.driver.aggregate.shuffleBytesWritten', 'count'],
  ['glue.driver.aggregate.shuffleLocalBytesRead', 'count'],
  ['glue.driver.aggregate.numFailedTasks', 'count'],
  ['glue.driver.BlockManager.disk.diskSpaceUsed_MB', 'gauge'],
  ['glue.driver.ExecutorAllocationManager.executors.numberAllExecutors', 'gauge'],
  ['glue.ALL.s3.filesystem.read_bytes', 'count'],
];

const OBSERVABILITY: [string, string, 'gauge' | 'count'][] = [
  ['glue.driver.skewness.stage', 'job_performance', 'gauge'],
  ['glue.driver.skewness.job', 'job_performance', 'gauge'],
  ['glue.driver.workerUtilization', 'resource_utilization', 'gauge'],
  ['glue.driver.memory.heap.used.percentage', 'resource_utilization', 'gauge'],
  ['glue.ALL.memory.heap.used.percentage', 'resource_utilization', 'gauge'],
  ['glue.driver.disk.used.percentage', 'resource_utilization', 'gauge'],
  ['glue.ALL.disk.used.percentage', 'resource_utilization', 'gauge'],
  ['glue.error.ALL', 'error', 'count'],
  ['glue.error.OUT_OF_MEMORY_ERROR', 'error', 'count'],
  ['glue.error.DISK_NO_SPACE_ERROR', 'error', 'count'],
  ['glue.error.GLUE_JOB_BOOKMARK_VERSION_MISMATCH_ERROR', 'error', 'count'],
];

function wantedOf(name: string, dimensions: Record<string, string>): Wanted | undefined {
  if (!name.startsWith('glue.')) return undefined;
  const { kind } = classifyGlueMetric(name);
  const stat = statFor(kind);
  return stat ? { name, dimensions, stat, kind } : undefined;
}

function fallbackList(jobName: string, runId: string): Wanted[] {
  const base = { JobName: jobName, JobRunId: runId };
  return [
    ...CLASSIC.map(([name, type]) => wantedOf(name, { ...base, Type: type })),
    ...OBSERVABILITY.map(([name, group, type]) =>
      wantedOf(name, { ...base, Type: type, ObservabilityGroup: group }),
    ),
  ].filter((w): w is Wanted => w !== undefined);
}

function dimsOf(metric: Metric): Record<string, string> {
  return Object.fromEntries((metric.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? '']));
}

async function discover(clients: AwsClients, jobName: string, runId: string): Promise<Wanted[]> {
  const found: Wanted[] = [];
  let token: string | undefined;
  for (let page = 0; page < LIST_PAGES; page++) {
    const out = await clients.cloudwatch.send(
      new ListMetricsCommand({
        Namespace: NAMESPACE,
        Dimensions: [
          { Name: 'JobName', Value: jobName },
          { Name: 'JobRunId', Value: runId },
        ],
        ...(token ? { NextToken: token } : {}),
      }),
    );
    for (const metric of out.Metrics ?? []) {
      const wanted = wantedOf(metric.MetricName ?? '', dimsOf(metric));
      if (wanted) found.push(wanted);
    }
    token = out.NextToken;
    if (!token) break;
  }
  // Executors first by the kinds matchers read; a job with hundreds of executors keeps a bounded set.
  const rank = (w: Wanted) => (/^glue\.\d+\./.test(w.name) ? 1 : 0);
  return found.sort((a, b) => rank(a) - rank(b)).slice(0, MAX_SERIES);
}

/** CloudWatch keeps 1-minute data 15 days, 5-minute data 63 days, then hourly. */
export function periodFor(startMs: number, endMs: number, nowMs = Date.now()): number {
  const age = nowMs - startMs;
  const day = 24 * 3600 * 1000;
  const floor = age < 15 * day ? 60 : age < 63 * day ? 300 : 3600;
  const forPoints = Math.ceil((endMs - startMs) / 1000 / 1440 / floor) * floor;
  return Math.max(floor, forPoints);
}

interface Fetched {
  id: string;
  timestamps: Date[];
  values: number[];
}

async function getData(
  clients: AwsClients,
  queries: MetricDataQuery[],
  startMs: number,
  endMs: number,
): Promise<Map<string, Fetched>> {
  const out = new Map<string, Fetched>();
  for (let i = 0; i < queries.length; i += MAX_QUERIES) {
    const batch = queries.slice(i, i + MAX_QUERIES);
    let token: string | undefined;
    for (let page = 0; page < MAX_DATA_PAGES; page++) {
      const res = await clients.cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: batch,
          StartTime: new Date(startMs),
          EndTime: new Date(endMs),
          ScanBy: 'TimestampAscending',
          ...(token ? { NextToken: token } : {}),
        }),
      );
      for (const r of res.MetricDataResults ?? []) {
        const id = r.Id ?? '';
        const entry = out.get(id) ?? { id, timestamps: [], values: [] };
        entry.timestamps.push(...(r.Timestamps ?? []));
        entry.values.push(...(r.Values ?? []));
        out.set(id, entry);
      }
      token = res.NextToken;
      if (!token) break;
    }
  }
  return out;
}

function toQuery(w: Wanted, id: string, periodSec: number): MetricDataQuery {
  return {
    Id: id,
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: NAMESPACE,
        MetricName: w.name,
        Dimensions: Object.entries(w.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: periodSec,
      Stat: w.stat,
    },
  };
}

function toSeries(w: Wanted, fetched: Fetched | undefined, periodSec: number): MetricSeries | undefined {
  if (!fetched || fetched.values.length === 0) return undefined;
  const points = fetched.timestamps
    .map((t, i): [string, number] => [t.toISOString(), fetched.values[i] ?? 0])
    .sort((a, b) => a[0].localeCompare(b[0]));
  const { kind, scope, executorId } = classifyGlueMetric(w.name);
  return {
    namespace: NAMESPACE,
    name: w.name,
    dimensions: w.dimensions,
    stat: w.stat,
    periodSec,
    points,
    kind,
    scope,
    ...(executorId ? { executorId } : {}),
    family: 'ObservabilityGroup' in w.dimensions ? 'observability' : 'job-metrics',
  };
}

function describe(series: MetricSeries[]): string {
  const executors = new Set(series.filter((s) => s.scope === 'executor').map((s) => s.executorId)).size;
  const names = [...new Set(series.filter((s) => s.scope !== 'executor').map((s) => s.name))];
  const shown = names.slice(0, 6).join(', ');
  return `${series.length} series (${shown}${names.length > 6 ? ', …' : ''}${executors > 0 ? `; ${executors} executors` : ''})`;
}

function missingDetail(family: 'job-metrics' | 'observability', evidence: Evidence, runId: string): string {
  const args = evidence.glue?.run?.arguments ?? {};
  if (family === 'job-metrics') {
    return args['--enable-metrics'] !== undefined
      ? `no job metrics in CloudWatch for run ${runId} although --enable-metrics is set (the run may have ended before the first report, or be older than CloudWatch keeps them)`
      : `no job metrics for run ${runId}: the job runs without --enable-metrics; set the job argument --enable-metrics true to get heap, disk and read metrics`;
  }
  const version = Number(evidence.glue?.run?.glueVersion ?? evidence.glue?.job?.glueVersion ?? NaN);
  if (Number.isFinite(version) && version < 4) {
    return `no observability metrics: they need Glue 4.0 or later (this run is Glue ${version.toFixed(1)}) and the job argument --enable-observability-metrics true`;
  }
  return args['--enable-observability-metrics'] === 'true'
    ? `no observability metrics in CloudWatch for run ${runId} although --enable-observability-metrics is set (the script must create a GlueContext)`
    : `no observability metrics for run ${runId}: set the job argument --enable-observability-metrics true (Glue 4.0+) to get skewness, memory and disk percentages and error categories`;
}

/** Reads the run's metrics into `evidence.metrics`, recording both families in `sources`. */
export async function fetchGlueMetrics(
  clients: AwsClients,
  evidence: Evidence,
  tracker: SourceTracker,
): Promise<void> {
  const run = evidence.glue?.run;
  if (!run?.runId || !run.startedOn) return;
  const startMs = Date.parse(run.startedOn);
  const endMs = run.completedOn ? Date.parse(run.completedOn) : Date.now();
  if (!Number.isFinite(startMs)) return;
  tracker.start(JOB_METRICS_SOURCE);
  let wanted: Wanted[];
  let how = 'listed';
  try {
    wanted = await discover(clients, run.jobName, run.runId);
  } catch (err) {
    const fatal = credentialProblem(err);
    if (fatal) throw fatal;
    wanted = [];
    how = 'ListMetrics failed';
  }
  if (wanted.length === 0) {
    wanted = fallbackList(run.jobName, run.runId);
    how = how === 'listed' ? 'known names (ListMetrics names none for the run)' : `known names (${how})`;
  }
  const periodSec = periodFor(startMs, endMs);
  const queries = wanted.map((w, i) => toQuery(w, `m${i}`, periodSec));
  let fetched: Map<string, Fetched>;
  try {
    fetched = await getData(clients, queries, startMs - 60_000, endMs + 120_000);
  } catch (err) {
    tracker.failed(JOB_METRICS_SOURCE, err);
    tracker.failed(OBSERVABILITY_SOURCE, err);
    return;
  }
  const series = wanted
    .map((w, i) => toSeries(w, fetched.get(`m${i}`), periodSec))
    .filter((s): s is MetricSeries => s !== undefined);
  evidence.metrics = [...(evidence.metrics ?? []), ...series];
  for (const family of ['job-metrics', 'observability'] as const) {
    const name = family === 'job-metrics' ? JOB_METRICS_SOURCE : OBSERVABILITY_SOURCE;
    const mine = series.filter((s) => s.family === family);
    if (mine.length === 0) {
      tracker.fail(name, 'missing', missingDetail(family, evidence, run.runId));
      continue;
    }
    const points = mine.reduce((n, s) => n + s.points.length, 0);
    tracker.ok(name, { items: points, detail: `${describe(mine)}, period ${periodSec}s, ${how}` });
  }
  const records = series.find((s) => s.name === 'glue.driver.aggregate.recordsRead');
  const bytes = series.find((s) => s.name === 'glue.driver.aggregate.bytesRead');
  const current = evidence.glue?.history?.find((h) => h.runId === run.runId);
  if (current && records) current.recordsRead = sumOf(records);
  if (current && bytes) current.bytesRead = sumOf(bytes);
}

/**
 * Records and bytes read by the job's recent runs (for the bookmark), in one paginated GetMetricData:
 * one Sum over each run's whole span. A run with no datapoints stays unknown, not zero.
 */
export async function fetchRunReads(
  clients: AwsClients,
  evidence: Evidence,
  tracker: SourceTracker,
): Promise<void> {
  const run = evidence.glue?.run;
  const history = evidence.glue?.history;
  if (!run || !history?.length) return;
  const runs = history
    .filter((h) => h.startedOn && h.runId && (h.recordsRead === undefined || h.runId !== run.runId))
    .slice(0, HISTORY_RUNS + 1);
  if (runs.length === 0) return;
  const starts = runs.map((h) => Date.parse(h.startedOn!));
  const ends = runs.map((h) => (h.completedOn ? Date.parse(h.completedOn) : Date.now()));
  const startMs = Math.min(...starts) - 60_000;
  const endMs = Math.max(...ends) + 120_000;
  // Daily buckets (hourly for a short history), summed per run: valid at any data age.
  const periodSec = endMs - startMs <= 24 * 3600_000 ? 3600 : 86_400;
  const queries: MetricDataQuery[] = [];
  runs.forEach((h, i) => {
    for (const [metric, tag] of [
      ['glue.driver.aggregate.recordsRead', 'r'],
      ['glue.driver.aggregate.bytesRead', 'b'],
    ] as const) {
      queries.push(
        toQuery(
          {
            name: metric,
            dimensions: { JobName: run.jobName, JobRunId: h.runId, Type: 'count' },
            stat: 'Sum',
            kind: 'records-read',
          },
          `${tag}${i}`,
          periodSec,
        ),
      );
    }
  });
  const name = 'cloudwatch:Glue reads per run';
  const fetched = await tracker.read(
    name,
    () => getData(clients, queries, startMs, endMs),
    (m) => {
      const known = [...m.values()].filter((f) => f.values.length > 0).length;
      return {
        items: known,
        detail: `records/bytes read known for ${Math.ceil(known / 2)} of ${runs.length} recent runs`,
      };
    },
  );
  if (!fetched) return;
  runs.forEach((h, i) => {
    const total = (id: string) => {
      const f = fetched.get(id);
      return f && f.values.length > 0 ? f.values.reduce((a, b) => a + b, 0) : undefined;
    };
    const records = total(`r${i}`);
    const bytes = total(`b${i}`);
    if (records !== undefined) h.recordsRead = records;
    if (bytes !== undefined) h.bytesRead = bytes;
  });
}
