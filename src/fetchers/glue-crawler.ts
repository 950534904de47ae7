import {
  GetCrawlerCommand,
  ListCrawlsCommand,
  paginateGetCrawlerMetrics,
  type Crawler,
  type CrawlerHistory,
} from '@aws-sdk/client-glue';
import type { AwsClients } from '../aws/clients.js';
import { classifyAwsError, credentialProblem } from '../aws/errors.js';
import { UserError } from '../errors.js';
import type { CrawlerFacts } from '../evidence/crawler.js';
import type { Evidence, TargetStatus } from '../evidence/model.js';
import { crawlerFacts, historyEntry, metricsFacts } from './glue-crawler-facts.js';
import { CRAWLER_LOG_GROUP, readCrawlerLog } from './glue-crawler-log.js';
import { fetchS3Sample } from './glue-crawler-s3.js';
import { fetchCrawlerPartitions, fetchCrawlerTables } from './glue-crawler-tables.js';
import type { SourceTracker } from './sources.js';
import type { FetchContext } from './context.js';

const FAILED_CRAWLS = new Set(['FAILED', 'CANCELLED']);
const HISTORY_LIMIT = 20;
/** Log signals that make partition schemas worth reading (ids of the crawler matchers' signals). */
const SCHEMA_SIGNALS = ['crawler-schema-mismatch', 'crawler-schema-change', 'hive-partition-schema-mismatch'];

function minutes(ms: number): string {
  const min = Math.round(ms / 60_000);
  return min < 1 ? 'under a minute' : `${min} min`;
}

/** GetCrawler: the crawler, its configuration and its last crawl. Not found is the user's problem. */
async function getCrawler(
  clients: AwsClients,
  tracker: SourceTracker,
  name: string,
): Promise<Crawler | undefined> {
  const source = 'glue:GetCrawler';
  tracker.start(source);
  try {
    const crawler = (await clients.glue.send(new GetCrawlerCommand({ Name: name }))).Crawler;
    if (!crawler) throw new UserError(`Glue crawler ${name} not found in region ${await clients.region()}`);
    return crawler;
  } catch (err) {
    if (err instanceof UserError) throw err;
    const fatal = credentialProblem(err);
    if (fatal) throw fatal;
    const { status, detail } = classifyAwsError(err);
    if (status === 'missing') {
      throw new UserError(
        `Glue crawler ${name} not found in region ${await clients.region()} (check the name, --region and --profile)`,
        { cause: err },
      );
    }
    // Denied or throttled: the crawl log may still say what happened.
    tracker.fail(source, status, detail);
    return undefined;
  }
}

function statusOf(facts: CrawlerFacts): TargetStatus {
  const last = facts.lastCrawl;
  const running = facts.state === 'RUNNING' || facts.state === 'STOPPING';
  const now = running
    ? `The crawler is ${facts.state} a new crawl now${facts.crawlElapsedMs ? ` (for ${minutes(facts.crawlElapsedMs)})` : ''}; this is the last finished crawl.`
    : undefined;
  if (!last?.status) {
    return {
      state: facts.state ?? 'UNKNOWN',
      failed: false,
      message: running
        ? 'The first crawl is still running: nothing has finished yet.'
        : 'The crawler has never run.',
      location: `glue:GetCrawler ${facts.name} Crawler.State`,
      source: 'glue-api',
    };
  }
  const message = [last.errorMessage, now].filter(Boolean).join(' ');
  return {
    state: last.status,
    failed: FAILED_CRAWLS.has(last.status),
    ...(message ? { message } : {}),
    location: `glue:GetCrawler ${facts.name} LastCrawl.Status`,
    source: 'glue-api',
    ...(last.startTime ? { startedOn: last.startTime } : {}),
  };
}

function describeCrawler(facts: CrawlerFacts): string {
  const parts = [`state ${facts.state ?? 'unknown'}`];
  if (facts.lastCrawl?.status)
    parts.push(
      `last crawl ${facts.lastCrawl.status}${facts.lastCrawl.startTime ? ` (started ${facts.lastCrawl.startTime})` : ''}`,
    );
  if (facts.state === 'RUNNING' || facts.state === 'STOPPING')
    parts.push('a new crawl is running: diagnosing the last finished one');
  parts.push(`${facts.s3Targets.length} S3 include path${facts.s3Targets.length === 1 ? '' : 's'}`);
  parts.push(...facts.otherTargets);
  return parts.join('; ');
}

async function fetchHistory(clients: AwsClients, facts: CrawlerFacts, tracker: SourceTracker): Promise<void> {
  // ListCrawls has no SDK paginator; the newest page is all a diagnosis needs.
  const crawls = await tracker.read(
    'glue:ListCrawls',
    async () =>
      (await clients.glue.send(new ListCrawlsCommand({ CrawlerName: facts.name, MaxResults: HISTORY_LIMIT })))
        .Crawls ?? [],
    (list: CrawlerHistory[]) => ({
      items: list.length,
      detail: `${list.length} recent crawl${list.length === 1 ? '' : 's'}`,
    }),
  );
  if (!crawls) return;
  facts.history = crawls
    .map(historyEntry)
    .sort((a, b) => (b.startTime ?? '').localeCompare(a.startTime ?? ''))
    .slice(0, HISTORY_LIMIT);
}

async function fetchMetrics(clients: AwsClients, facts: CrawlerFacts, tracker: SourceTracker): Promise<void> {
  const metrics = await tracker.read(
    'glue:GetCrawlerMetrics',
    async () => {
      for await (const page of paginateGetCrawlerMetrics(
        { client: clients.glue },
        { CrawlerNameList: [facts.name] },
      )) {
        const mine = (page.CrawlerMetricsList ?? []).find((m) => m.CrawlerName === facts.name);
        if (mine) return mine;
      }
      return undefined;
    },
    (m) =>
      m
        ? {
            detail: `last crawl: ${m.TablesCreated ?? 0} tables created, ${m.TablesUpdated ?? 0} updated, ${m.TablesDeleted ?? 0} deleted`,
          }
        : { detail: 'no metrics for this crawler' },
  );
  if (metrics) facts.metrics = metricsFacts(metrics);
}

const HISTORY_STATE: Record<string, { state: string; failed: boolean }> = {
  COMPLETED: { state: 'SUCCEEDED', failed: false },
  FAILED: { state: 'FAILED', failed: true },
  STOPPED: { state: 'CANCELLED', failed: true },
};

/** GetCrawler was not readable: the newest finished crawl of ListCrawls stands in for LastCrawl. */
function standInFromHistory(evidence: Evidence, facts: CrawlerFacts): void {
  const last = facts.history?.find((h) => HISTORY_STATE[h.state]);
  if (!last) return;
  facts.lastCrawl = {
    status: HISTORY_STATE[last.state]!.state,
    ...(last.messagePrefix ? { messagePrefix: last.messagePrefix } : {}),
    ...(last.startTime ? { startTime: last.startTime } : {}),
    ...(last.errorMessage ? { errorMessage: last.errorMessage } : {}),
  };
  evidence.status = {
    ...HISTORY_STATE[last.state]!,
    ...(last.errorMessage ? { message: last.errorMessage } : {}),
    location: `glue:ListCrawls ${facts.name} Crawls[${last.crawlId}].State`,
    source: 'glue-api',
    ...(last.startTime ? { startedOn: last.startTime } : {}),
    ...(last.endTime ? { completedOn: last.endTime } : {}),
  };
}

/** Adds what the Glue API, the crawl log, the catalog and S3 know about a crawler's last crawl. */
export async function fetchGlueCrawler(ctx: FetchContext): Promise<void> {
  const { clients, evidence, collector, tracker, budget } = ctx;
  const target = evidence.target;
  if (target.kind !== 'glue-crawler') return;
  const name = target.crawlerName;
  const crawler = await getCrawler(clients, tracker, name);
  const facts: CrawlerFacts = crawler
    ? crawlerFacts(crawler, name)
    : { name, s3Targets: [], otherTargets: [] };
  evidence.target = { kind: 'glue-crawler', crawlerName: facts.name };
  evidence.crawler = facts;
  if (crawler) {
    tracker.ok('glue:GetCrawler', { detail: describeCrawler(facts) });
    evidence.status = statusOf(facts);
  }
  await fetchHistory(clients, facts, tracker);
  await fetchMetrics(clients, facts, tracker);
  if (!crawler) standInFromHistory(evidence, facts);
  const error = facts.lastCrawl?.errorMessage;
  if (error) {
    const location = crawler
      ? `glue:GetCrawler ${facts.name} LastCrawl.ErrorMessage`
      : `glue:ListCrawls ${facts.name} ErrorMessage`;
    const sink = collector.open({ source: 'glue-api', location, role: 'crawler' });
    sink.write(error, facts.lastCrawl?.startTime);
    sink.end(facts.lastCrawl?.startTime);
  }
  if (crawler?.LastCrawl || !crawler) {
    facts.lastCrawl ??= {};
    facts.lastCrawl.logGroup ??= CRAWLER_LOG_GROUP;
    await readCrawlerLog(clients, facts, collector, tracker, budget);
  }
  if (!crawler) return;
  await fetchCrawlerTables(clients, facts, tracker);
  const counts = collector.counts();
  await fetchCrawlerPartitions(
    clients,
    facts,
    tracker,
    SCHEMA_SIGNALS.some((s) => (counts[s] ?? 0) > 0),
  );
  await fetchS3Sample(clients, facts, tracker);
}
