import {
  isPartitionLike,
  isCrawlerHit,
  regionFlag,
  shellQuote,
  targetsCaveat,
  targetsJson,
  fixItems,
  type FixStep,
} from './crawler-duplicate-tables.js';
import type { CrawlerFacts } from '../evidence/crawler.js';
import type { Evidence, LogHit } from '../evidence/model.js';
import type { EvidenceItem, Matcher, Signal } from './types.js';
import { JAVA_OOM } from './signals.js';
import { clamp, hitsOf, items, statusItem } from './support.js';

export const CRAWLER_INTERNAL_ERROR: Signal = {
  id: 'crawler-internal-error',
  keywords: ['Internal Service Exception', 'InternalServiceException'],
  pattern: /Internal Service Exception|InternalServiceException/,
};

export const CRAWLER_OUT_OF_MEMORY: Signal = {
  id: 'crawler-out-of-memory',
  keywords: [
    'ran out of memory',
    'GC overhead limit exceeded',
    'too many files',
    'too many partitions',
    'too many objects',
    'too many folders',
    'too many tables',
    'exceeded the maximum number of',
  ],
  pattern:
    /(?:Crawler ran out of memory|ran out of memory|GC overhead limit exceeded|(?:too many|exceeded the maximum number of) (?:files|partitions|objects|folders|tables))/i,
};

const SAMPLE_SIZE = 10;
const MARKER_EXCLUSIONS = ['**/_SUCCESS', '**.crc', '**/_temporary/**'];

function minutes(seconds: number): string {
  return seconds >= 90 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds)} s`;
}

/** What says the crawl was big: partitions per crawl, run time against the median, a full listing. */
function scaleOf(crawler: CrawlerFacts | undefined): { items: EvidenceItem[]; text: string[] } {
  const out: EvidenceItem[] = [];
  const text: string[] = [];
  if (!crawler) return { items: out, text };
  const partitions = Math.max(0, ...(crawler.history ?? []).map((h) => h.summary?.partitionsAdded ?? 0));
  if (partitions >= 1000) {
    const crawl = crawler.history!.find((h) => h.summary?.partitionsAdded === partitions)!;
    text.push(
      `a crawl on ${crawl.startTime?.slice(0, 10) ?? '?'} added ${partitions.toLocaleString('en-US')} partitions`,
    );
    out.push({
      source: 'glue-api',
      location: `glue:ListCrawls ${crawler.name} ${crawl.crawlId}`,
      ...(crawl.startTime ? { timestamp: crawl.startTime } : {}),
      text: `${crawl.state}: ${partitions.toLocaleString('en-US')} partitions added${crawl.dpuHour !== undefined ? `, ${crawl.dpuHour} DPU-hours` : ''}`,
    });
  }
  const m = crawler.metrics;
  if (
    m?.lastRuntimeSeconds &&
    m.medianRuntimeSeconds &&
    m.lastRuntimeSeconds >= 1.5 * m.medianRuntimeSeconds
  ) {
    text.push(
      `the last crawl ran ${minutes(m.lastRuntimeSeconds)} against a median of ${minutes(m.medianRuntimeSeconds)}`,
    );
    out.push({
      source: 'glue-api',
      location: `glue:GetCrawlerMetrics ${crawler.name}`,
      text: `LastRuntimeSeconds ${m.lastRuntimeSeconds}, MedianRuntimeSeconds ${m.medianRuntimeSeconds}`,
    });
  }
  const full = (crawler.s3Listings ?? []).filter((l) => l.truncated);
  if (full.length > 0) {
    const l = full[0]!;
    text.push(
      `${l.prefix} holds more than the ${l.objects.length + l.folders.length} keys sampled at its first level`,
    );
  }
  const objects = (crawler.tables ?? []).reduce((n, t) => n + (t.objectCount ?? 0), 0);
  if (objects >= 100_000) {
    const biggest = [...(crawler.tables ?? [])].sort(
      (a, b) => (b.objectCount ?? 0) - (a.objectCount ?? 0),
    )[0]!;
    text.push(`its tables list ${objects.toLocaleString('en-US')} objects`);
    out.push({
      source: 'glue-api',
      location: `glue:GetTables ${crawler.databaseName ?? ''}.${biggest.name}`,
      text: `objectCount ${(biggest.objectCount ?? 0).toLocaleString('en-US')} under ${biggest.location ?? '?'}${biggest.partitionKeys.length ? `, partitioned by ${biggest.partitionKeys.map((k) => k.name).join(', ')}` : ''}`,
    });
  }
  if (
    m?.lastRuntimeSeconds &&
    m.lastRuntimeSeconds >= 1800 &&
    !text.some((t) => t.startsWith('the last crawl ran'))
  ) {
    text.push(`the last crawl ran ${minutes(m.lastRuntimeSeconds)}`);
  }
  const failures = (crawler.history ?? []).filter((h) => h.state === 'FAILED').length;
  if (failures >= 2) text.push(`${failures} of the last ${crawler.history!.length} crawls failed`);
  return { items: out, text };
}

function fixes(crawler: CrawlerFacts | undefined, evidence: Evidence): FixStep[] {
  if (!crawler) return [];
  const region = regionFlag(evidence);
  const steps: FixStep[] = [];
  if (
    crawler.recrawlBehavior !== 'CRAWL_NEW_FOLDERS_ONLY' &&
    crawler.recrawlBehavior !== 'CRAWL_EVENT_MODE'
  ) {
    steps.push({
      title: 'crawl only new folders on each run (incremental crawls need the LOG schema-change policy)',
      command: `aws glue update-crawler --name ${crawler.name}${region} --recrawl-policy RecrawlBehavior=CRAWL_NEW_FOLDERS_ONLY --schema-change-policy UpdateBehavior=LOG,DeleteBehavior=LOG`,
    });
  }
  if (crawler.s3Targets.length > 0) {
    steps.push({
      title: `read ${SAMPLE_SIZE} files per leaf folder and skip marker files${targetsCaveat(crawler)}`,
      command: `aws glue update-crawler --name ${crawler.name}${region} --targets ${shellQuote(
        targetsJson(crawler, (t) => ({
          Exclusions: [...t.exclusions, ...MARKER_EXCLUSIONS.filter((e) => !t.exclusions.includes(e))],
          SampleSize: t.sampleSize ?? SAMPLE_SIZE,
        })),
      )}`,
    });
  }
  // One include path over several datasets: give each its own path so each crawl is smaller.
  const root = (crawler.s3Listings ?? []).find((l) =>
    crawler.s3Targets.some((t) => t.path.replace(/\/?$/, '/') === l.prefix),
  );
  const datasets = (root?.folders ?? []).map((f) => f.replace(/\/$/, '')).filter((f) => !isPartitionLike(f));
  if (root && datasets.length >= 2) {
    const targets = JSON.stringify({
      S3Targets: datasets.slice(0, 10).map((d) => ({ Path: `${root.prefix}${d}/` })),
    });
    steps.push({
      title: `crawl the ${datasets.length} datasets under ${root.prefix} from their own include paths`,
      command: `aws glue update-crawler --name ${crawler.name}${region} --targets ${shellQuote(targets)}`,
    });
  }
  steps.push({
    title: 'then run the crawler again',
    command: `aws glue start-crawler --name ${crawler.name}${region}`,
  });
  return steps.slice(0, 3).concat(steps.length > 3 ? [steps[steps.length - 1]!] : []);
}

export const crawlerOom: Matcher = {
  meta: {
    id: 'crawler-oom',
    title: 'Crawler ran out of memory or failed internally',
    severity: 'high',
    signals: [JAVA_OOM, CRAWLER_INTERNAL_ERROR, CRAWLER_OUT_OF_MEMORY],
  },
  match(evidence) {
    const byPlace = (a: LogHit, b: LogHit) =>
      a.location.localeCompare(b.location) || (a.line ?? 0) - (b.line ?? 0);
    const memory = hitsOf(evidence, 'java-oom', 'crawler-out-of-memory').filter(isCrawlerHit).sort(byPlace);
    const internal = hitsOf(evidence, 'crawler-internal-error').filter(isCrawlerHit).sort(byPlace);
    if (memory.length === 0 && internal.length === 0) return null;
    const crawler = evidence.crawler;
    const scale = scaleOf(crawler);
    const status = evidence.status;
    const failedWith = status?.failed
      ? ` The crawl ${status.state}${status.message ? ` with "${status.message.split('. ')[0]}"` : ''}.`
      : '';
    const targets = crawler?.s3Targets.map((t) => t.path).join(', ');
    const where = targets ? ` over ${targets}` : '';
    const big =
      scale.text.length > 0 ? ` Signs of a crawl too big for one run: ${scale.text.join('; ')}.` : '';
    const steps = fixes(crawler, evidence);
    const cheapest = steps.length > 1 ? ` Cheapest fix: ${steps[0]!.title}.` : '';
    // The ErrorMessage is already in the status item; the log says where in the crawl it happened.
    const shown = status?.failed ? statusItem(evidence) : [];
    const lines = [...memory, ...internal].filter((h) => !(shown.length > 0 && h.source === 'glue-api'));
    // Text reports show eight evidence items: the facts, then the fixes.
    const facts = [...shown, ...items(lines, 3), ...scale.items].slice(0, Math.max(3, 8 - steps.length));
    if (memory.length > 0) {
      const kind = memory.find((h) => h.groups.kind)?.groups.kind?.trim();
      return {
        confidence: clamp(0.88 + (internal.length > 0 ? 0.04 : 0) + (scale.text.length > 0 ? 0.03 : 0)),
        summary: `The crawler itself ran out of memory${kind ? ` (${kind})` : ''}${where}: too many files or partitions for one crawl. This is the crawler's JVM, not a Spark job.${failedWith}${big}${cheapest}`,
        evidence: [...facts, ...fixItems(steps)],
      };
    }
    return {
      confidence: clamp(0.6 + (scale.text.length > 0 ? 0.15 : 0)),
      summary: `The crawl failed inside the Glue service ("Internal Service Exception")${where}. Crawls over very many files or partitions fail this way when the crawler runs out of memory.${big}${cheapest}`,
      evidence: [...facts, ...fixItems(steps)],
      alternatives: [
        {
          reading: 'crawler-oom: the crawl is too big for one run (many files or partitions)',
          confidence: clamp(0.6 + (scale.text.length > 0 ? 0.15 : 0)),
        },
        {
          reading: 'a transient Glue service fault: the next crawl may succeed unchanged',
          confidence: scale.text.length > 0 ? 0.2 : 0.35,
        },
      ],
    };
  },
};
