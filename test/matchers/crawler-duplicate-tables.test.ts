import { describe, expect, it } from 'vitest';
import type {
  ColumnFacts,
  CrawlerFacts,
  CrawlerTableFacts,
  PartitionFacts,
} from '../../src/evidence/crawler.js';
import {
  crawlerDuplicateTables,
  exclusionFor,
  formatOf,
  isPartitionLike,
} from '../../src/matchers/crawler-duplicate-tables.js';
import { evidenceFrom } from '../helpers/evidence.js';
import { matcherCases } from './harness.js';

const TARGET = { kind: 'glue-crawler', crawlerName: 'orders-raw-crawler' } as const;
const SUCCEEDED = { state: 'SUCCEEDED', failed: false };
const ORDERS: ColumnFacts[] = [
  { name: 'order_id', type: 'bigint' },
  { name: 'customer_id', type: 'bigint' },
  { name: 'amount', type: 'double' },
  { name: 'currency', type: 'string' },
];
const ORDERS_STRING_AMOUNT = ORDERS.map((c) => (c.name === 'amount' ? { ...c, type: 'string' } : c));

function table(name: string, location: string, extra: Partial<CrawlerTableFacts> = {}): CrawlerTableFacts {
  return {
    name,
    location,
    classification: 'parquet',
    columns: ORDERS,
    partitionKeys: [],
    updatedByCrawler: 'orders-raw-crawler',
    madeBy: 'updated-by-crawler',
    ...extra,
  };
}

function crawler(extra: Partial<CrawlerFacts> = {}): CrawlerFacts {
  return {
    name: 'orders-raw-crawler',
    state: 'READY',
    databaseName: 'sales_raw',
    lastCrawl: { status: 'SUCCEEDED' },
    configurationJson: {
      Version: 1,
      CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
    },
    s3Targets: [{ path: 's3://acme-data/orders/', exclusions: ['**/_SUCCESS'] }],
    otherTargets: [],
    ...extra,
  };
}

const DAYS = ['2026-11-08', '2026-11-09', '2026-11-10', '2026-11-11'];
const perDay = (
  cols: (day: string) => ColumnFacts[] = () => ORDERS,
  cls: (day: string) => string = () => 'parquet',
) =>
  DAYS.map((d) =>
    table(`dt_${d.replace(/-/g, '_')}`, `s3://acme-data/orders/dt=${d}/`, {
      columns: cols(d),
      classification: cls(d),
    }),
  );
const listing = (day: string, names: string[]) => ({
  prefix: `s3://acme-data/orders/dt=${day}/`,
  objects: names.map((name) => ({ name, size: 2048 })),
  folders: [],
  truncated: false,
});

const MONTHS = ['01', '02', '03', '10', '11', '12'];
function partitions(type: (month: string) => string): PartitionFacts[] {
  return MONTHS.map((m) => ({
    values: ['2026', m],
    location: `s3://acme-events/events/year=2026/month=${m}/`,
    columns: ORDERS.map((c) => (c.name === 'amount' ? { ...c, type: type(m) } : c)),
  }));
}
const EVENTS_TARGET = [{ path: 's3://acme-events/events/', exclusions: [] }];
const eventsTable = (parts: PartitionFacts[], extra: Partial<CrawlerTableFacts> = {}) =>
  table('events', 's3://acme-events/events/', {
    columns: ORDERS_STRING_AMOUNT,
    partitionKeys: [
      { name: 'year', type: 'string' },
      { name: 'month', type: 'string' },
    ],
    partitions: parts,
    ...extra,
  });

const CRAWL = '[5d2f8c1e-7a41-4b0e-9d63-2f1a8e4c7b90]';

matcherCases(crawlerDuplicateTables, {
  positive: [
    {
      name: 'a stray CSV export among Parquet files splits a dataset into one table per dt= folder',
      text: `${CRAWL} INFO : Created table dt_2026_11_10 in database sales_raw`,
      role: 'crawler',
      target: TARGET,
      status: SUCCEEDED,
      region: 'us-east-1',
      crawler: crawler({
        tables: perDay(),
        metrics: { tablesCreated: 4 },
        s3Listings: [
          listing('2026-11-08', ['part-00000-a.c000.snappy.parquet', '_SUCCESS']),
          listing('2026-11-09', ['part-00000-b.c000.snappy.parquet']),
          listing('2026-11-10', ['part-00000-c.c000.snappy.parquet', 'export-2026-11-10.csv']),
          listing('2026-11-11', ['part-00000-d.c000.snappy.parquet']),
        ],
      }),
      minConfidence: 0.85,
      summaryHas: [
        's3://acme-data/orders/',
        'one per dt= folder',
        'one CSV file under dt=2026-11-10 (export-2026-11-10.csv) among Parquet files',
        'exclude **.csv',
      ],
      vars: { tableName: 'dt_2026_11_10', path: 's3://acme-data/orders/', bucket: 'acme-data' },
    },
    {
      name: 'a schema change in month 11 splits monthly folders',
      text: '',
      target: TARGET,
      status: SUCCEEDED,
      crawler: crawler({
        tables: ['09', '10', '11', '12'].map((m) =>
          table(`month_${m}`, `s3://acme-data/orders/year=2026/month=${m}/`, {
            columns:
              Number(m) >= 11 ? [...ORDERS_STRING_AMOUNT, { name: 'discount', type: 'double' }] : ORDERS,
          }),
        ),
      }),
      minConfidence: 0.85,
      summaryHas: [
        'the schema changed in year=2026/month=11',
        'amount double → string',
        'new column discount double',
      ],
    },
    {
      name: 'one folder classified differently, with no S3 sample',
      text: '',
      target: TARGET,
      crawler: crawler({ tables: perDay(undefined, (d) => (d === '2026-11-09' ? 'json' : 'parquet')) }),
      summaryHas: ['classified dt=2026-11-09 as json'],
    },
    {
      name: 'a manifest and a _SUCCESS marker are named when nothing else differs',
      text: '',
      target: TARGET,
      crawler: crawler({
        tables: perDay().slice(0, 2),
        s3Listings: [
          listing('2026-11-08', ['part-0.parquet', 'manifest.json']),
          listing('2026-11-09', ['part-0.parquet']),
        ],
      }),
      summaryHas: ['one JSON file under dt=2026-11-08 (manifest.json)'],
    },
    {
      name: 'partitions keep the old column type after the table was updated (HIVE_PARTITION_SCHEMA_MISMATCH)',
      text: `${CRAWL} INFO : Table events in database analytics has schema changes`,
      role: 'crawler',
      target: TARGET,
      status: SUCCEEDED,
      crawler: crawler({
        s3Targets: EVENTS_TARGET,
        tables: [eventsTable(partitions((m) => (Number(m) >= 11 ? 'string' : 'double')))],
      }),
      minConfidence: 0.85,
      summaryHas: [
        '4 of 6 partitions',
        'year=2026/month=01 … year=2026/month=10',
        'amount is double there but string in the table',
        'changed at year=2026/month=11',
        'HIVE_PARTITION_SCHEMA_MISMATCH',
      ],
      vars: { tableName: 'events' },
    },
    {
      name: 'new partitions gain a column the table lacks',
      text: '',
      target: TARGET,
      crawler: crawler({
        s3Targets: EVENTS_TARGET,
        tables: [
          eventsTable(
            MONTHS.map((m) => ({
              values: ['2026', m],
              columns:
                Number(m) >= 11
                  ? [...ORDERS_STRING_AMOUNT, { name: 'coupon', type: 'string' }]
                  : ORDERS_STRING_AMOUNT,
            })),
          ),
        ],
      }),
      summaryHas: ['column coupon', 'changed at year=2026/month=11'],
    },
    {
      name: 'different datasets merged into one table with an auto-named partition key',
      text: '',
      target: TARGET,
      crawler: crawler({
        s3Targets: [{ path: 's3://acme-data/raw/', exclusions: [] }],
        tables: [
          table('raw', 's3://acme-data/raw/', {
            partitionKeys: [{ name: 'partition_0', type: 'string' }],
            partitions: ['orders', 'customers', 'refunds'].map((v) => ({ values: [v], columns: ORDERS })),
          }),
        ],
      }),
      summaryHas: ['merged 3 datasets', 'partition_0', 'own include path'],
    },
    {
      name: 'GetTables unreadable: created-table names that are folder values',
      text: [
        `${CRAWL} INFO : Created table dt_2026_11_08 in database sales_raw`,
        `${CRAWL} INFO : Created table dt_2026_11_09 in database sales_raw`,
        `${CRAWL} INFO : Created table dt_2026_11_10 in database sales_raw`,
      ].join('\n'),
      role: 'crawler',
      target: TARGET,
      crawler: crawler(),
      summaryHas: ['3 tables named after dt folder values', 'dt_2026_11_08'],
    },
    {
      name: 'an Athena HIVE_PARTITION_SCHEMA_MISMATCH in a log file',
      text: "HIVE_PARTITION_SCHEMA_MISMATCH: There is a mismatch between the table and partition schemas. The types are incompatible and cannot be coerced. The column 'amount' in table 'analytics.events' is declared as type 'string', but partition 'year=2026/month=10' declared column 'amount' as type 'double'.",
      summaryHas: ['column amount is string in analytics.events but double in partition year=2026/month=10'],
      vars: { tableName: 'events' },
    },
    {
      name: 'only the crawl log, which says schemas do not match',
      text: `${CRAWL} WARN : The number of partitions under s3://acme-data/orders/ is 4 but their schemas don't match at level 3`,
      role: 'crawler',
      summaryHas: ['level 3'],
    },
    {
      name: 'the log names the folder it split, whose sub-folders are not partition-like',
      text: `${CRAWL} INFO : Multiple tables are found under location s3://acme-data/orders/. Table orders is skipped.`,
      role: 'crawler',
      target: TARGET,
      crawler: crawler({
        tables: ['web', 'mobile', 'store'].map((c) => table(c, `s3://acme-data/orders/${c}/`)),
      }),
      summaryHas: ['split s3://acme-data/orders/ into 3 tables', 'one per folder'],
    },
  ],
  negative: [
    {
      name: 'three genuinely different datasets under one include path, one table each',
      text: ['orders', 'customers', 'clickstream']
        .map((t) => `${CRAWL} INFO : Created table ${t} in database lake_raw`)
        .join('\n'),
      role: 'crawler',
      target: TARGET,
      status: SUCCEEDED,
      crawler: crawler({
        s3Targets: [{ path: 's3://acme-lake/raw/', exclusions: [] }],
        metrics: { tablesCreated: 3 },
        tables: [
          table('orders', 's3://acme-lake/raw/orders/', { partitionKeys: [{ name: 'dt', type: 'string' }] }),
          table('customers', 's3://acme-lake/raw/customers/', {
            classification: 'csv',
            columns: [
              { name: 'customer_id', type: 'bigint' },
              { name: 'email', type: 'string' },
            ],
          }),
          table('clickstream', 's3://acme-lake/raw/clickstream/', {
            classification: 'json',
            columns: [{ name: 'session_id', type: 'string' }],
          }),
        ],
      }),
    },
    {
      name: 'a partitioned table whose partitions all match it',
      text: '',
      target: TARGET,
      crawler: crawler({ s3Targets: EVENTS_TARGET, tables: [eventsTable(partitions(() => 'string'))] }),
    },
    {
      name: 'auto-named keys over date folders (not key=value) are not a split on their own',
      text: '',
      target: TARGET,
      crawler: crawler({
        tables: [
          table('orders', 's3://acme-data/orders/', {
            partitionKeys: [
              { name: 'partition_0', type: 'string' },
              { name: 'partition_1', type: 'string' },
            ],
            partitions: [
              { values: ['2026', '11'], columns: ORDERS },
              { values: ['2026', '12'], columns: ORDERS },
            ],
          }),
        ],
      }),
    },
    {
      name: 'partitions read without column schemas',
      text: '',
      target: TARGET,
      crawler: crawler({
        s3Targets: EVENTS_TARGET,
        tables: [eventsTable(MONTHS.map((m) => ({ values: ['2026', m], columns: [] })))],
      }),
    },
    {
      name: 'no tables read, and the created tables have dataset names',
      text: ['orders', 'customers']
        .map((t) => `${CRAWL} INFO : Created table ${t} in database lake_raw`)
        .join('\n'),
      role: 'crawler',
      target: TARGET,
      crawler: crawler(),
    },
    {
      name: 'a crawler that made no table yet',
      text: `${CRAWL} BENCHMARK : Crawler has finished running and is in state READY`,
      role: 'crawler',
      target: TARGET,
      crawler: crawler({ tables: [] }),
    },
    {
      name: 'a Spark job log',
      text: '26/11/20 03:10:09 INFO FileSourceStrategy: Pushed Filters: IsNotNull(amount)\n26/11/20 03:10:10 INFO DAGScheduler: Job 3 finished',
      role: 'driver',
    },
  ],
});

describe('crawler-duplicate-tables, beyond the table', () => {
  it('reports when the crawl succeeded: twenty tables from a "successful" crawl are the problem', () => {
    expect(crawlerDuplicateTables.meta.reportWhenSucceeded).toBe(true);
  });

  it("gives the fixes as exact commands with the crawler's own merged JSON, cheapest first", () => {
    const match = crawlerDuplicateTables.match(
      evidenceFrom({
        text: '',
        target: TARGET,
        region: 'us-east-1',
        crawler: crawler({
          tables: perDay(),
          s3Listings: [
            listing('2026-11-08', ['part-0.parquet']),
            listing('2026-11-10', ['part-0.parquet', 'export-2026-11-10.csv']),
          ],
        }),
      }),
    )!;
    const fixes = match.evidence.filter((e) => e.location.startsWith('fix '));
    expect(fixes.map((f) => f.location)).toEqual([
      'fix 1 of 3 (cheapest): exclude **.csv from s3://acme-data/orders/',
      'fix 2 of 3: create the table at s3://acme-data/orders/ (table level 2, the bucket being level 1); deeper folders become partitions',
      'fix 3 of 3: then delete the 4 split tables (S3 data is not touched) and crawl again',
    ]);
    expect(fixes[0]!.text).toBe(
      `aws glue update-crawler --name orders-raw-crawler --region us-east-1 --targets '{"S3Targets":[{"Path":"s3://acme-data/orders/","Exclusions":["**/_SUCCESS","**.csv"]}]}'`,
    );
    expect(fixes[1]!.text).toContain(
      `'{"Version":1.0,"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}},"Grouping":{"TableLevelConfiguration":2}}'`,
    );
    expect(fixes[2]!.text).toContain(
      '--tables-to-delete dt_2026_11_08 dt_2026_11_09 dt_2026_11_10 dt_2026_11_11',
    );
    // The S3 object behind the split is cited where it lives.
    expect(match.evidence.find((e) => e.source === 's3')?.location).toBe(
      's3://acme-data/orders/dt=2026-11-10/export-2026-11-10.csv',
    );
  });

  it('combines compatible schemas first when only the columns changed', () => {
    const match = crawlerDuplicateTables.match(
      evidenceFrom({
        text: '',
        target: TARGET,
        crawler: crawler({
          configurationJson: undefined,
          tables: perDay((d) => (d >= '2026-11-10' ? ORDERS_STRING_AMOUNT : ORDERS)),
        }),
      }),
    )!;
    const first = match.evidence.find((e) => e.location.startsWith('fix 1'))!;
    expect(first.text).toContain(
      `'{"Version":1.0,"Grouping":{"TableGroupingPolicy":"CombineCompatibleSchemas"},"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}}}'`,
    );
  });

  it('reads folder names, file formats and exclusion globs', () => {
    expect(
      ['dt=2026-11-10', '2026', '11', '2026-11-10', 'part-00003', 'hour=00'].every(isPartitionLike),
    ).toBe(true);
    expect(['orders', 'customers', 'raw', 'v2_exports'].some(isPartitionLike)).toBe(false);
    expect(formatOf('part-00000-7c2b.c000.snappy.parquet')).toBe('parquet');
    expect(formatOf('events.json.gz')).toBe('json');
    expect(formatOf('_SUCCESS')).toBe('marker');
    expect(exclusionFor('export.csv')).toBe('**.csv');
    expect(exclusionFor('export.csv.gz')).toBe('**.csv.gz');
    expect(exclusionFor('_SUCCESS')).toBe('**/_SUCCESS');
  });
});
