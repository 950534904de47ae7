import {
  paginateDescribeLogStreams,
  paginateGetLogEvents,
  type LogStream,
} from '@aws-sdk/client-cloudwatch-logs';
import pLimit from 'p-limit';
import type { AwsClients } from '../aws/clients.js';
import { classifyAwsError, credentialProblem } from '../aws/errors.js';
import type { EvidenceCollector } from '../evidence/collector.js';
import type { Role, SourceStatus } from '../evidence/model.js';
import type { SourceTracker } from './sources.js';

export interface LogBudget {
  /** Bytes of log text still allowed for this diagnosis; shared across groups. */
  bytesLeft: number;
}

export interface StreamPlan {
  name: string;
  role: Role;
}

export interface GroupRead {
  group: string;
  prefix: string;
  /** Names the stream's role from its name; undefined skips the stream (e.g. a progress bar). */
  classify: (streamName: string) => Role | undefined;
  /** When true, a missing group is expected and not worth a line in `sources`. */
  optional?: boolean;
  missingHint?: string;
}

const CONCURRENT_STREAMS = 4;
const MAX_STREAMS = 500;

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** Calls the SDK retried (throttling, mostly) before they answered: worth saying in `sources`. */
interface RetryCount {
  retries: number;
}

function countRetries(counter: RetryCount, page: { $metadata?: { attempts?: number } }) {
  counter.retries += Math.max(0, (page.$metadata?.attempts ?? 1) - 1);
}

async function listStreams(clients: AwsClients, read: GroupRead, counter: RetryCount): Promise<LogStream[]> {
  const streams: LogStream[] = [];
  const pages = paginateDescribeLogStreams(
    { client: clients.logs },
    { logGroupName: read.group, logStreamNamePrefix: read.prefix },
  );
  for await (const page of pages) {
    countRetries(counter, page);
    streams.push(...(page.logStreams ?? []));
    if (streams.length >= MAX_STREAMS) break;
  }
  return streams;
}

/** Reads one stream from the start, page by page, straight into the scanner: no page is kept. */
async function readStream(
  clients: AwsClients,
  group: string,
  stream: StreamPlan,
  collector: EvidenceCollector,
  budget: LogBudget,
  counter: RetryCount,
): Promise<{ events: number; bytes: number; truncated: boolean }> {
  const sink = collector.open({
    source: 'cloudwatch-logs',
    location: `${group}/${stream.name}`,
    role: stream.role,
  });
  let events = 0;
  let bytes = 0;
  const pages = paginateGetLogEvents(
    // GetLogEvents hands back the same token at the end of a stream; without this the paginator never stops.
    { client: clients.logs, stopOnSameToken: true },
    { logGroupName: group, logStreamName: stream.name, startFromHead: true },
  );
  for await (const page of pages) {
    countRetries(counter, page);
    for (const event of page.events ?? []) {
      const message = event.message ?? '';
      sink.write(message.endsWith('\n') ? message : `${message}\n`, iso(event.timestamp));
      events += 1;
      bytes += message.length;
      budget.bytesLeft -= message.length;
    }
    if (budget.bytesLeft <= 0) {
      sink.end();
      return { events, bytes, truncated: true };
    }
  }
  sink.end();
  return { events, bytes, truncated: false };
}

/**
 * Reads every stream of one log group that belongs to the target, with bounded concurrency and memory,
 * and records the outcome as one source (`logs:<group>`). Failures degrade this source only.
 */
export async function readLogGroup(
  clients: AwsClients,
  read: GroupRead,
  collector: EvidenceCollector,
  tracker: SourceTracker,
  budget: LogBudget,
): Promise<SourceStatus | undefined> {
  const name = `logs:${read.group}`;
  tracker.start(name);
  let streams: LogStream[];
  const counter: RetryCount = { retries: 0 };
  try {
    streams = await listStreams(clients, read, counter);
  } catch (err) {
    const fatal = credentialProblem(err);
    if (fatal) throw fatal;
    const { status, detail } = classifyAwsError(err);
    if (status === 'missing' && read.optional) return undefined;
    return tracker.fail(
      name,
      status,
      status === 'missing' && read.missingHint ? `${detail} (${read.missingHint})` : detail,
    );
  }
  const plans = streams
    .map((s) => ({ name: s.logStreamName ?? '', role: read.classify(s.logStreamName ?? '') }))
    .filter((p): p is StreamPlan => p.name !== '' && p.role !== undefined)
    .sort(
      (a, b) =>
        (a.role === 'driver' ? -1 : 0) - (b.role === 'driver' ? -1 : 0) || a.name.localeCompare(b.name),
    );
  if (plans.length === 0) {
    if (read.optional) return undefined;
    return tracker.fail(
      name,
      'missing',
      `no log stream starting with ${read.prefix}${read.missingHint ? ` (${read.missingHint})` : ''}`,
    );
  }
  const limit = pLimit(CONCURRENT_STREAMS);
  const results = await Promise.all(
    plans.map((plan) =>
      limit(async () => {
        const fork = collector.fork();
        try {
          return { plan, fork, ...(await readStream(clients, read.group, plan, fork, budget, counter)) };
        } catch (err) {
          const fatal = credentialProblem(err);
          if (fatal) throw fatal;
          return { plan, fork, events: 0, bytes: 0, truncated: false, error: classifyAwsError(err) };
        }
      }),
    ),
  );
  for (const r of results) collector.absorb(r.fork);
  const status = summarise(name, results);
  if (counter.retries > 0) {
    status.detail =
      `${status.detail ?? ''}; ${counter.retries} call${counter.retries === 1 ? ' was' : 's were'} throttled or failed and retried`.replace(
        /^; /,
        '',
      );
  }
  return tracker.done(status);
}

function summarise(
  name: string,
  results: {
    plan: StreamPlan;
    events: number;
    bytes: number;
    truncated: boolean;
    error?: { status: SourceStatus['status']; detail: string };
  }[],
): SourceStatus {
  const failed = results.filter((r) => r.error);
  const events = results.reduce((n, r) => n + r.events, 0);
  const bytes = results.reduce((n, r) => n + r.bytes, 0);
  const truncated = results.some((r) => r.truncated) || failed.length > 0;
  const base = { name, items: events, bytes, ...(truncated ? { truncated } : {}) };
  if (failed.length === 0) {
    return results.some((r) => r.truncated)
      ? { ...base, status: 'ok', detail: `read ${results.length} streams; stopped at the log size budget` }
      : { ...base, status: 'ok', detail: `read ${results.length} stream${results.length === 1 ? '' : 's'}` };
  }
  const first = failed[0]!.error!;
  const status =
    failed.length === results.length ? first.status : first.status === 'missing' ? 'ok' : first.status;
  return {
    ...base,
    status,
    detail: `${failed.length} of ${results.length} streams unread (${failed[0]!.plan.name}: ${first.detail})`,
  };
}
