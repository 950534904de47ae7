import type { Column, Crawler, CrawlerHistory, CrawlerMetrics, Partition, Table } from '@aws-sdk/client-glue';
import type {
  ColumnFacts,
  CrawlerFacts,
  CrawlerMetricsFacts,
  CrawlerTableFacts,
  CrawlHistoryEntry,
  CrawlSummaryFacts,
  PartitionFacts,
} from '../evidence/crawler.js';

/** SDK shapes -> crawler facts. Pure; the only place crawler SDK types are read. */

function iso(d: Date | undefined): string | undefined {
  return d ? d.toISOString() : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function columns(cols: Column[] | undefined): ColumnFacts[] {
  return (cols ?? []).map((c) => ({ name: c.Name ?? '', type: c.Type ?? '' })).filter((c) => c.name !== '');
}

function otherTargets(crawler: Crawler): string[] {
  const t = crawler.Targets ?? {};
  const kinds: [string, unknown[] | undefined][] = [
    ['JDBC', t.JdbcTargets],
    ['DynamoDB', t.DynamoDBTargets],
    ['MongoDB', t.MongoDBTargets],
    ['Data Catalog', t.CatalogTargets],
    ['Delta', t.DeltaTargets],
    ['Iceberg', t.IcebergTargets],
    ['Hudi', t.HudiTargets],
  ];
  return kinds
    .filter(([, list]) => (list?.length ?? 0) > 0)
    .map(([kind, list]) => `${list!.length} ${kind} target${list!.length === 1 ? '' : 's'}`);
}

export function crawlerFacts(crawler: Crawler, name: string): CrawlerFacts {
  const last = crawler.LastCrawl;
  const parsed = crawler.Configuration ? parseJson(crawler.Configuration) : undefined;
  const policy = crawler.SchemaChangePolicy;
  return {
    name: crawler.Name ?? name,
    ...(crawler.State ? { state: crawler.State } : {}),
    ...(crawler.CrawlElapsedTime ? { crawlElapsedMs: crawler.CrawlElapsedTime } : {}),
    ...(crawler.DatabaseName ? { databaseName: crawler.DatabaseName } : {}),
    ...(crawler.TablePrefix ? { tablePrefix: crawler.TablePrefix } : {}),
    ...(crawler.Role ? { role: crawler.Role } : {}),
    ...(last
      ? {
          lastCrawl: {
            ...(last.Status ? { status: last.Status } : {}),
            ...(last.ErrorMessage ? { errorMessage: last.ErrorMessage } : {}),
            ...(last.LogGroup ? { logGroup: last.LogGroup } : {}),
            ...(last.LogStream ? { logStream: last.LogStream } : {}),
            ...(last.MessagePrefix ? { messagePrefix: last.MessagePrefix } : {}),
            ...(last.StartTime ? { startTime: iso(last.StartTime) } : {}),
          },
        }
      : {}),
    ...(crawler.Configuration ? { configuration: crawler.Configuration } : {}),
    ...(isObject(parsed) ? { configurationJson: parsed } : {}),
    ...(policy
      ? {
          schemaChangePolicy: {
            ...(policy.UpdateBehavior ? { updateBehavior: policy.UpdateBehavior } : {}),
            ...(policy.DeleteBehavior ? { deleteBehavior: policy.DeleteBehavior } : {}),
          },
        }
      : {}),
    ...(crawler.RecrawlPolicy?.RecrawlBehavior
      ? { recrawlBehavior: crawler.RecrawlPolicy.RecrawlBehavior }
      : {}),
    s3Targets: (crawler.Targets?.S3Targets ?? [])
      .filter((t) => t.Path)
      .map((t) => ({
        path: t.Path!,
        exclusions: [...(t.Exclusions ?? [])],
        ...(t.SampleSize !== undefined ? { sampleSize: t.SampleSize } : {}),
        ...(t.ConnectionName ? { connectionName: t.ConnectionName } : {}),
      })),
    otherTargets: otherTargets(crawler),
    ...(crawler.Classifiers?.length ? { classifiers: [...crawler.Classifiers] } : {}),
  };
}

/** A summary value is a count, an object with `Count` and `Details`, or that object as a JSON string. */
function summaryPart(root: Record<string, unknown>, kind: string, action: string) {
  const section = root[kind];
  if (!isObject(section)) return undefined;
  let value = section[action];
  if (typeof value === 'string') value = parseJson(value);
  if (typeof value === 'number') return { count: value, names: [] as string[] };
  if (!isObject(value)) return undefined;
  const count = typeof value.Count === 'number' ? value.Count : num(String(value.Count ?? ''));
  const names: string[] = [];
  const details = value.Details;
  if (isObject(details)) {
    const list = details.names ?? details.Names;
    if (Array.isArray(list)) names.push(...list.filter((n): n is string => typeof n === 'string'));
  }
  return { count, names };
}

/** ListCrawls' `Summary`: `{"TABLE":{"ADD":{"Count":3,...}},"PARTITION":{...}}`, values sometimes JSON strings. */
export function parseCrawlSummary(text: string | undefined): CrawlSummaryFacts | undefined {
  if (!text) return undefined;
  const root = parseJson(text);
  if (!isObject(root)) return undefined;
  const out: CrawlSummaryFacts = {};
  const names: string[] = [];
  const fields = [
    ['TABLE', 'ADD', 'tablesAdded'],
    ['TABLE', 'UPDATE', 'tablesUpdated'],
    ['TABLE', 'DELETE', 'tablesDeleted'],
    ['PARTITION', 'ADD', 'partitionsAdded'],
    ['PARTITION', 'UPDATE', 'partitionsUpdated'],
    ['PARTITION', 'DELETE', 'partitionsDeleted'],
  ] as const;
  for (const [kind, action, key] of fields) {
    const part = summaryPart(root, kind, action);
    if (part?.count !== undefined) out[key] = part.count;
    if (kind === 'TABLE' && part) names.push(...part.names);
  }
  if (names.length > 0) out.tableNames = [...new Set(names)];
  return out;
}

export function historyEntry(crawl: CrawlerHistory): CrawlHistoryEntry {
  const summary = parseCrawlSummary(crawl.Summary);
  return {
    crawlId: crawl.CrawlId ?? '',
    state: crawl.State ?? 'UNKNOWN',
    ...(crawl.StartTime ? { startTime: iso(crawl.StartTime) } : {}),
    ...(crawl.EndTime ? { endTime: iso(crawl.EndTime) } : {}),
    ...(crawl.ErrorMessage ? { errorMessage: crawl.ErrorMessage } : {}),
    ...(crawl.DPUHour !== undefined ? { dpuHour: crawl.DPUHour } : {}),
    ...(crawl.MessagePrefix ? { messagePrefix: crawl.MessagePrefix } : {}),
    ...(summary && Object.keys(summary).length > 0 ? { summary } : {}),
  };
}

export function metricsFacts(m: CrawlerMetrics): CrawlerMetricsFacts {
  return {
    ...(m.TablesCreated !== undefined ? { tablesCreated: m.TablesCreated } : {}),
    ...(m.TablesUpdated !== undefined ? { tablesUpdated: m.TablesUpdated } : {}),
    ...(m.TablesDeleted !== undefined ? { tablesDeleted: m.TablesDeleted } : {}),
    ...(m.LastRuntimeSeconds !== undefined ? { lastRuntimeSeconds: m.LastRuntimeSeconds } : {}),
    ...(m.MedianRuntimeSeconds !== undefined ? { medianRuntimeSeconds: m.MedianRuntimeSeconds } : {}),
    ...(m.TimeLeftSeconds !== undefined ? { timeLeftSeconds: m.TimeLeftSeconds } : {}),
    ...(m.StillEstimating !== undefined ? { stillEstimating: m.StillEstimating } : {}),
  };
}

export function tableFacts(table: Table, crawlerName: string): CrawlerTableFacts {
  const params = table.Parameters ?? {};
  const sd = table.StorageDescriptor;
  const updatedBy = params.UPDATED_BY_CRAWLER;
  return {
    name: table.Name ?? '',
    ...(sd?.Location ? { location: sd.Location } : {}),
    ...(params.classification ? { classification: params.classification } : {}),
    columns: columns(sd?.Columns),
    partitionKeys: columns(table.PartitionKeys),
    ...(table.CreateTime ? { createdOn: iso(table.CreateTime) } : {}),
    ...(table.UpdateTime ? { updatedOn: iso(table.UpdateTime) } : {}),
    ...(updatedBy ? { updatedByCrawler: updatedBy } : {}),
    madeBy: updatedBy === crawlerName ? 'updated-by-crawler' : 'under-target',
    ...(table.TableType ? { tableType: table.TableType } : {}),
    ...(params.compressionType ? { compressionType: params.compressionType } : {}),
    ...(num(params.objectCount) !== undefined ? { objectCount: num(params.objectCount) } : {}),
    ...(num(params.recordCount) !== undefined ? { recordCount: num(params.recordCount) } : {}),
  };
}

export function partitionFacts(p: Partition): PartitionFacts {
  const sd = p.StorageDescriptor;
  const classification = p.Parameters?.classification;
  return {
    values: [...(p.Values ?? [])],
    ...(sd?.Location ? { location: sd.Location } : {}),
    columns: columns(sd?.Columns),
    ...(classification ? { classification } : {}),
  };
}
