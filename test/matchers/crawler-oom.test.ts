import { describe, expect, it } from 'vitest';
import type { CrawlerFacts } from '../../src/evidence/crawler.js';
import { crawlerOom } from '../../src/matchers/crawler-oom.js';
import { driverOom } from '../../src/matchers/driver-oom.js';
import { executorOom } from '../../src/matchers/executor-oom.js';
import { evidenceFrom } from '../helpers/evidence.js';
import { matcherCases } from './harness.js';

const TARGET = { kind: 'glue-crawler', crawlerName: 'clickstream-crawler' } as const;
const FAILED = { state: 'FAILED', failed: true, message: 'Internal Service Exception' };
const CRAWL = '[c3e8f1a0-4d27-4b9c-9e62-1a7d5f0b83c6]';

function crawler(extra: Partial<CrawlerFacts> = {}): CrawlerFacts {
  return {
    name: 'clickstream-crawler',
    state: 'READY',
    databaseName: 'web',
    recrawlBehavior: 'CRAWL_EVERYTHING',
    lastCrawl: { status: 'FAILED', errorMessage: 'Internal Service Exception' },
    s3Targets: [{ path: 's3://acme-clickstream/raw/', exclusions: [] }],
    otherTargets: [],
    ...extra,
  };
}

const BIG = crawler({
  history: [
    { crawlId: 'c3e8', state: 'FAILED', errorMessage: 'Internal Service Exception' },
    { crawlId: '7f2d', state: 'FAILED', errorMessage: 'Internal Service Exception' },
    {
      crawlId: 'b95a',
      state: 'COMPLETED',
      startTime: '2025-04-02T00:00:02.000Z',
      summary: { tablesAdded: 1, partitionsAdded: 13704 },
    },
  ],
  metrics: { lastRuntimeSeconds: 2712, medianRuntimeSeconds: 1400 },
});

matcherCases(crawlerOom, {
  positive: [
    {
      name: "an OutOfMemoryError in the crawler's own log",
      text: `${CRAWL} BENCHMARK : Running Start Crawl for Crawler clickstream-crawler\n${CRAWL} ERROR : java.lang.OutOfMemoryError: GC overhead limit exceeded`,
      role: 'crawler',
      target: TARGET,
      status: FAILED,
      crawler: crawler(),
      minConfidence: 0.85,
      summaryHas: [
        'ran out of memory',
        'GC overhead limit exceeded',
        'not a Spark job',
        'Internal Service Exception',
      ],
    },
    {
      name: '"Crawler ran out of memory" with signs of a huge crawl',
      text: `${CRAWL} WARN : Crawler ran out of memory while classifying partitions of s3://acme-clickstream/raw/`,
      role: 'crawler',
      target: TARGET,
      status: FAILED,
      crawler: BIG,
      minConfidence: 0.9,
      summaryHas: [
        '13,704 partitions',
        '2 of the last 3 crawls failed',
        'the last crawl ran 45 min against a median of 23 min',
      ],
    },
    {
      name: 'LastCrawl.ErrorMessage "Internal Service Exception" on a big crawler',
      text: 'Internal Service Exception',
      role: 'crawler',
      location: 'glue:GetCrawler clickstream-crawler LastCrawl.ErrorMessage',
      target: TARGET,
      status: FAILED,
      crawler: BIG,
      minConfidence: 0.7,
      topReading: 'crawler-oom',
      summaryHas: ['Internal Service Exception', 'crawl only new folders'],
    },
    {
      name: '"Internal Service Exception" alone is read as crawler-oom, with a transient fault second',
      text: `${CRAWL} ERROR : Internal Service Exception`,
      role: 'crawler',
      status: FAILED,
      minConfidence: 0.55,
      topReading: 'crawler-oom',
    },
    {
      name: 'a downloaded crawler log read as a file (no role)',
      text: `${CRAWL} INFO : Listing s3://acme-clickstream/raw/\n${CRAWL} ERROR : java.lang.OutOfMemoryError: Java heap space`,
      summaryHas: ['Java heap space'],
    },
  ],
  negative: [
    {
      name: 'an executor OOM in a Spark job',
      text: '26/11/20 03:14:15 ERROR Executor: Exception in task 3.0 in stage 2.0 (TID 45)\njava.lang.OutOfMemoryError: Java heap space',
      role: 'executor',
    },
    {
      name: 'a Glue job calling the Glue API and getting InternalServiceException',
      text: 'py4j.protocol.Py4JJavaError: An error occurred while calling o88.getCatalogSource.\n: com.amazonaws.services.glue.model.InternalServiceException: Internal Service Exception',
      role: 'driver',
    },
    {
      name: 'a healthy crawl',
      text: `${CRAWL} BENCHMARK : Running Start Crawl for Crawler clickstream-crawler\n${CRAWL} INFO : Created partitions with values [[2026-11-20, 00]] for table raw\n${CRAWL} BENCHMARK : Crawler has finished running and is in state READY`,
      role: 'crawler',
      target: TARGET,
      status: { state: 'SUCCEEDED', failed: false },
      crawler: crawler({ lastCrawl: { status: 'SUCCEEDED' } }),
    },
    {
      name: 'a crawl that failed on permissions',
      text: `${CRAWL} ERROR : Service Principal: glue.amazonaws.com is not authorized to perform: glue:CreateTable on resource: arn:aws:glue:us-east-1:111122223333:table/web/raw`,
      role: 'crawler',
      target: TARGET,
      status: { state: 'FAILED', failed: true },
      crawler: crawler(),
    },
    {
      name: 'the -XX:OnOutOfMemoryError JVM flag',
      text: `${CRAWL} INFO : jvm flags -XX:OnOutOfMemoryError='kill -9 %p'`,
      role: 'crawler',
    },
  ],
});

describe('crawler-oom, beyond the table', () => {
  const evidence = () =>
    evidenceFrom({
      text: `${CRAWL} ERROR : java.lang.OutOfMemoryError: GC overhead limit exceeded`,
      role: 'crawler',
      target: TARGET,
      region: 'us-east-1',
      status: FAILED,
      crawler: crawler({
        s3Listings: [
          {
            prefix: 's3://acme-clickstream/raw/',
            objects: [],
            folders: ['web/', 'mobile/', 'dt=2026-11-20/'],
            truncated: false,
          },
        ],
      }),
    });

  it("is the crawler's, not a Spark executor's or driver's", () => {
    expect(crawlerOom.match(evidence())).not.toBeNull();
    expect(executorOom.match(evidence())).toBeNull();
    expect(driverOom.match(evidence())).toBeNull();
  });

  it("gives the crawler's own commands, cheapest first", () => {
    const fixes = crawlerOom.match(evidence())!.evidence.filter((e) => e.location.startsWith('fix '));
    expect(fixes.map((f) => f.text)).toEqual([
      'aws glue update-crawler --name clickstream-crawler --region us-east-1 --recrawl-policy RecrawlBehavior=CRAWL_NEW_FOLDERS_ONLY --schema-change-policy UpdateBehavior=LOG,DeleteBehavior=LOG',
      `aws glue update-crawler --name clickstream-crawler --region us-east-1 --targets '{"S3Targets":[{"Path":"s3://acme-clickstream/raw/","Exclusions":["**/_SUCCESS","**.crc","**/_temporary/**"],"SampleSize":10}]}'`,
      `aws glue update-crawler --name clickstream-crawler --region us-east-1 --targets '{"S3Targets":[{"Path":"s3://acme-clickstream/raw/web/"},{"Path":"s3://acme-clickstream/raw/mobile/"}]}'`,
      'aws glue start-crawler --name clickstream-crawler --region us-east-1',
    ]);
  });
});
