/**
 * Facts about a Glue crawler, its last crawl and the tables it made. Filled by the crawler fetchers
 * (src/fetchers/glue-crawler*.ts) from GetCrawler, ListCrawls, GetCrawlerMetrics, GetTables,
 * GetPartitions and a bounded S3 listing; read by crawler-duplicate-tables and crawler-oom.
 * Times are ISO-8601 strings; S3 locations are `s3://bucket/key/` URIs as AWS gives them.
 */

export interface ColumnFacts {
  name: string;
  type: string;
}

/** One S3 include path of the crawler (`Targets.S3Targets[]`). */
export interface CrawlerS3Target {
  path: string;
  exclusions: string[];
  sampleSize?: number;
  connectionName?: string;
}

/** `Crawler.LastCrawl`: the last crawl that finished (a running crawl is not in it). */
export interface LastCrawlFacts {
  /** SUCCEEDED, FAILED or CANCELLED. */
  status?: string;
  errorMessage?: string;
  logGroup?: string;
  logStream?: string;
  /** The crawl id that prefixes each of its log lines as `[<messagePrefix>]`. */
  messagePrefix?: string;
  startTime?: string;
}

/** What a crawl added, updated and deleted, from ListCrawls' `Summary` JSON. */
export interface CrawlSummaryFacts {
  tablesAdded?: number;
  tablesUpdated?: number;
  tablesDeleted?: number;
  partitionsAdded?: number;
  partitionsUpdated?: number;
  partitionsDeleted?: number;
  /** Table names the summary lists, when it lists them. */
  tableNames?: string[];
}

/** One entry of ListCrawls, newest first. */
export interface CrawlHistoryEntry {
  crawlId: string;
  /** RUNNING, COMPLETED, FAILED or STOPPED. */
  state: string;
  startTime?: string;
  endTime?: string;
  errorMessage?: string;
  dpuHour?: number;
  messagePrefix?: string;
  summary?: CrawlSummaryFacts;
}

/** GetCrawlerMetrics for this crawler: the table counts are those of the last crawl. */
export interface CrawlerMetricsFacts {
  tablesCreated?: number;
  tablesUpdated?: number;
  tablesDeleted?: number;
  lastRuntimeSeconds?: number;
  medianRuntimeSeconds?: number;
  timeLeftSeconds?: number;
  stillEstimating?: boolean;
}

export interface PartitionFacts {
  values: string[];
  location?: string;
  columns: ColumnFacts[];
  classification?: string;
}

/** A catalog table this crawler made (or that lies under one of its include paths). */
export interface CrawlerTableFacts {
  name: string;
  location?: string;
  /** `Parameters.classification`: parquet, csv, json... */
  classification?: string;
  columns: ColumnFacts[];
  partitionKeys: ColumnFacts[];
  createdOn?: string;
  updatedOn?: string;
  /** `Parameters.UPDATED_BY_CRAWLER`. */
  updatedByCrawler?: string;
  /** Why it counts as this crawler's: it says so, or it sits under one of the crawler's include paths. */
  madeBy: 'updated-by-crawler' | 'under-target';
  tableType?: string;
  compressionType?: string;
  objectCount?: number;
  recordCount?: number;
  /** Partitions read with GetPartitions (bounded), only where a verdict needs their schemas. */
  partitions?: PartitionFacts[];
  /** True when the table has more partitions than were read. */
  partitionsTruncated?: boolean;
}

export interface S3ObjectFacts {
  /** Name relative to the listed prefix (no folder part: the listing is one level, delimiter '/'). */
  name: string;
  size?: number;
  lastModified?: string;
}

/** One level of a bounded ListObjectsV2 listing (delimiter '/') of a prefix the crawler covers. */
export interface S3ListingFacts {
  /** `s3://bucket/prefix/` that was listed. */
  prefix: string;
  objects: S3ObjectFacts[];
  /** Sub-folder names, e.g. `dt=2026-11-10/`. */
  folders: string[];
  /** True when the prefix holds more than was listed. */
  truncated: boolean;
}

export interface CrawlerFacts {
  name: string;
  /** READY, RUNNING or STOPPING: the crawler now, not its last crawl. */
  state?: string;
  /** When RUNNING, milliseconds since the current crawl began. */
  crawlElapsedMs?: number;
  databaseName?: string;
  tablePrefix?: string;
  role?: string;
  lastCrawl?: LastCrawlFacts;
  /** `Configuration` as AWS returns it (a JSON string). */
  configuration?: string;
  /** `Configuration` parsed; absent when it is not valid JSON. */
  configurationJson?: Record<string, unknown>;
  schemaChangePolicy?: { updateBehavior?: string; deleteBehavior?: string };
  /** CRAWL_EVERYTHING, CRAWL_NEW_FOLDERS_ONLY or CRAWL_EVENT_MODE. */
  recrawlBehavior?: string;
  s3Targets: CrawlerS3Target[];
  /** Non-S3 targets, described (e.g. `2 JDBC targets`). */
  otherTargets: string[];
  classifiers?: string[];
  history?: CrawlHistoryEntry[];
  metrics?: CrawlerMetricsFacts;
  /** Tables this crawler made in `databaseName`. */
  tables?: CrawlerTableFacts[];
  /** Tables in the database that were looked at to find the crawler's (bounded). */
  tablesScanned?: number;
  /** True when the database has more tables than were read. */
  tablesTruncated?: boolean;
  s3Listings?: S3ListingFacts[];
}

/** `s3://bucket/a/b` and `s3://bucket/a/b/` name the same folder; s3a:// and s3n:// too. */
export function normalizeS3(uri: string): string {
  const m = /^s3[an]?:\/\/(.+)$/i.exec(uri.trim());
  if (!m) return uri.trim();
  const rest = m[1]!;
  return `s3://${rest.endsWith('/') ? rest : `${rest}/`}`;
}

export function isUnder(location: string, prefix: string): boolean {
  return normalizeS3(location).startsWith(normalizeS3(prefix));
}

/** Bucket and key (folder, ending in `/`, or '' for the bucket root) of an S3 URI. */
export function splitS3(uri: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/(.*)$/.exec(normalizeS3(uri));
  return m ? { bucket: m[1]!, key: m[2]! } : undefined;
}
