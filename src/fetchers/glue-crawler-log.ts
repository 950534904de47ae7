import {
  GetLogEventsCommand,
  paginateGetLogEvents,
  type OutputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../aws/clients.js';
import type { EvidenceCollector } from '../evidence/collector.js';
import type { CrawlerFacts } from '../evidence/crawler.js';
import type { LogBudget } from './cloudwatch-logs.js';
import type { SourceTracker } from './sources.js';

export const CRAWLER_LOG_GROUP = '/aws-glue/crawlers';

/** A crawl's lines start with its id in brackets: `[9c1d...] BENCHMARK : Running Start Crawl for Crawler x`. */
const CRAWL_ID = /^\s*\[([0-9A-Za-z-]{8,64})\]/;
/** Start a little before the crawl: the first lines can be stamped before LastCrawl.StartTime. */
const LEAD_MS = 60_000;
/** Without a crawl id, the stream's tail is read back this far to find the last crawl. */
const TAIL_EVENTS = 2_000;
const MAX_EVENTS = 200_000;

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

function crawlIdOf(message: string): string | undefined {
  return CRAWL_ID.exec(message)?.[1];
}

interface Sink {
  write(message: string, timestamp: number | undefined): void;
}

/** Reads forward from just before the crawl's start, keeping only lines of that crawl. */
async function readCrawl(
  clients: AwsClients,
  group: string,
  stream: string,
  prefix: string,
  startTime: string | undefined,
  sink: Sink,
  budget: LogBudget,
): Promise<{ events: number; truncated: boolean }> {
  const start = startTime ? Date.parse(startTime) - LEAD_MS : undefined;
  const pages = paginateGetLogEvents(
    { client: clients.logs, stopOnSameToken: true },
    {
      logGroupName: group,
      logStreamName: stream,
      startFromHead: true,
      ...(start !== undefined && Number.isFinite(start) ? { startTime: start } : {}),
    },
  );
  let events = 0;
  let seen = 0;
  let ours = false;
  for await (const page of pages) {
    for (const event of page.events ?? []) {
      seen += 1;
      const message = event.message ?? '';
      const id = crawlIdOf(message);
      if (id === prefix) ours = true;
      // A later crawl of the same crawler: the one diagnosed is over.
      else if (ours && id !== undefined) return { events, truncated: false };
      if (id !== prefix) continue;
      sink.write(message, event.timestamp);
      events += 1;
      budget.bytesLeft -= message.length;
    }
    if (budget.bytesLeft <= 0 || seen >= MAX_EVENTS) return { events, truncated: true };
  }
  return { events, truncated: false };
}

/** Without a crawl id: reads the stream's tail backwards and keeps the newest crawl's lines. */
async function readLastCrawl(
  clients: AwsClients,
  group: string,
  stream: string,
  sink: Sink,
  budget: LogBudget,
): Promise<{ events: number; truncated: boolean; crawlId?: string }> {
  const kept: OutputLogEvent[] = [];
  let crawlId: string | undefined;
  let token: string | undefined;
  let read = 0;
  let done = false;
  while (!done && read < TAIL_EVENTS) {
    const page = await clients.logs.send(
      new GetLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        startFromHead: false,
        ...(token ? { nextToken: token } : {}),
      }),
    );
    const events = page.events ?? [];
    read += events.length;
    for (const event of [...events].reverse()) {
      const id = crawlIdOf(event.message ?? '');
      if (crawlId === undefined && id !== undefined) crawlId = id;
      if (crawlId !== undefined && id !== undefined && id !== crawlId) {
        done = true;
        break;
      }
      kept.push(event);
    }
    if (events.length === 0 || !page.nextBackwardToken || page.nextBackwardToken === token) break;
    token = page.nextBackwardToken;
  }
  let events = 0;
  for (const event of kept.reverse()) {
    const message = event.message ?? '';
    const id = crawlIdOf(message);
    if (crawlId !== undefined && id !== undefined && id !== crawlId) continue;
    sink.write(message, event.timestamp);
    events += 1;
    budget.bytesLeft -= message.length;
  }
  return { events, truncated: !done && read >= TAIL_EVENTS, ...(crawlId ? { crawlId } : {}) };
}

/**
 * Reads the last crawl's lines from the crawler's log stream (`/aws-glue/crawlers/<crawler name>`)
 * into the collector with role `crawler`. Records `logs:/aws-glue/crawlers`; never throws but for
 * credential problems.
 */
export async function readCrawlerLog(
  clients: AwsClients,
  crawler: CrawlerFacts,
  collector: EvidenceCollector,
  tracker: SourceTracker,
  budget: LogBudget,
): Promise<void> {
  const group = crawler.lastCrawl?.logGroup ?? CRAWLER_LOG_GROUP;
  const stream = crawler.lastCrawl?.logStream ?? crawler.name;
  const prefix = crawler.lastCrawl?.messagePrefix;
  const name = `logs:${group}`;
  tracker.start(name);
  const lines = collector.open({
    source: 'cloudwatch-logs',
    location: `${group}/${stream}`,
    role: 'crawler',
  });
  const sink: Sink = {
    write: (message, timestamp) =>
      lines.write(message.endsWith('\n') ? message : `${message}\n`, iso(timestamp)),
  };
  try {
    const result = prefix
      ? await readCrawl(clients, group, stream, prefix, crawler.lastCrawl?.startTime, sink, budget)
      : await readLastCrawl(clients, group, stream, sink, budget);
    lines.end();
    const crawlId = prefix ?? ('crawlId' in result ? result.crawlId : undefined);
    const which = crawlId ? `crawl ${crawlId}` : 'the last crawl';
    if (result.events === 0) {
      tracker.fail(name, 'missing', `no lines of ${which} in stream ${stream} (expired, or not written yet)`);
      return;
    }
    tracker.ok(name, {
      items: result.events,
      detail: `read ${result.events} line${result.events === 1 ? '' : 's'} of ${which} from stream ${stream}${result.truncated ? '; stopped at the log size budget' : ''}`,
      ...(result.truncated ? { truncated: true } : {}),
    });
  } catch (err) {
    lines.end();
    const status = tracker.failed(name, err);
    if (status.status === 'missing') {
      tracker.fail(
        name,
        'missing',
        `${status.detail ?? ''} (stream ${stream}: crawler logs expired or never written)`,
      );
    }
  }
}
