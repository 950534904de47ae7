import { paginateGetPartitions, paginateGetTables } from '@aws-sdk/client-glue';
import type { AwsClients } from '../aws/clients.js';
import { isUnder, type CrawlerFacts, type CrawlerTableFacts } from '../evidence/crawler.js';
import { partitionFacts, tableFacts } from './glue-crawler-facts.js';
import type { SourceTracker } from './sources.js';

/** A database can hold thousands of tables; the crawler's are found among the first this many. */
const MAX_TABLES_SCANNED = 3_000;
const MAX_TABLES_KEPT = 200;
const PARTITION_PAGE = 100;
const MAX_PARTITIONS_PER_TABLE = 300;
const MAX_TABLES_WITH_PARTITIONS = 5;
const AUTO_PARTITION_KEY = /^partition_\d+$/;

/** GetTables over the crawler's database, keeping the tables this crawler made. */
export async function fetchCrawlerTables(clients: AwsClients, crawler: CrawlerFacts, tracker: SourceTracker) {
  const database = crawler.databaseName;
  if (!database) return;
  const targets = crawler.s3Targets.map((t) => t.path);
  const result = await tracker.read(
    'glue:GetTables',
    async () => {
      const kept: CrawlerTableFacts[] = [];
      let scanned = 0;
      let truncated = false;
      for await (const page of paginateGetTables({ client: clients.glue }, { DatabaseName: database })) {
        for (const table of page.TableList ?? []) {
          scanned += 1;
          const facts = tableFacts(table, crawler.name);
          const underTarget =
            facts.location !== undefined && targets.some((t) => isUnder(facts.location!, t));
          if (facts.madeBy === 'updated-by-crawler' || underTarget) kept.push(facts);
        }
        if (scanned >= MAX_TABLES_SCANNED || kept.length >= MAX_TABLES_KEPT) {
          truncated = Boolean(page.NextToken);
          break;
        }
      }
      return { kept: kept.slice(0, MAX_TABLES_KEPT), scanned, truncated };
    },
    (r) => ({
      items: r.scanned,
      detail: `${r.kept.length} of ${r.scanned} tables in ${database} are this crawler's${r.truncated ? ' (stopped early: large database)' : ''}`,
      ...(r.truncated ? { truncated: true } : {}),
    }),
  );
  if (!result) return;
  crawler.tables = result.kept;
  crawler.tablesScanned = result.scanned;
  if (result.truncated) crawler.tablesTruncated = true;
}

/**
 * Partition schemas matter only for a partitioned table whose schema may have moved: updated after
 * it was created, updated by the last crawl, auto-named keys, or a log line about schema changes.
 */
function needsPartitions(table: CrawlerTableFacts, crawler: CrawlerFacts, schemaSignals: boolean): boolean {
  if (table.partitionKeys.length === 0) return false;
  if (table.partitionKeys.some((k) => AUTO_PARTITION_KEY.test(k.name))) return true;
  if (schemaSignals) return true;
  if ((crawler.metrics?.tablesUpdated ?? 0) > 0) return true;
  const summary = crawler.history?.[0]?.summary;
  if ((summary?.tablesUpdated ?? 0) > 0 || (summary?.partitionsUpdated ?? 0) > 0) return true;
  const created = table.createdOn ? Date.parse(table.createdOn) : NaN;
  const updated = table.updatedOn ? Date.parse(table.updatedOn) : NaN;
  return Number.isFinite(created) && Number.isFinite(updated) && updated - created > 60_000;
}

/** GetPartitions (bounded) for the few tables whose verdict needs partition schemas. */
export async function fetchCrawlerPartitions(
  clients: AwsClients,
  crawler: CrawlerFacts,
  tracker: SourceTracker,
  schemaSignals: boolean,
): Promise<void> {
  const database = crawler.databaseName;
  const tables = (crawler.tables ?? [])
    .filter((t) => needsPartitions(t, crawler, schemaSignals))
    .slice(0, MAX_TABLES_WITH_PARTITIONS);
  if (!database || tables.length === 0) return;
  await tracker.read(
    'glue:GetPartitions',
    async () => {
      let read = 0;
      for (const table of tables) {
        const partitions = [];
        let truncated = false;
        const pages = paginateGetPartitions(
          { client: clients.glue, pageSize: PARTITION_PAGE },
          { DatabaseName: database, TableName: table.name },
        );
        for await (const page of pages) {
          partitions.push(...(page.Partitions ?? []).map(partitionFacts));
          if (partitions.length >= MAX_PARTITIONS_PER_TABLE) {
            truncated = Boolean(page.NextToken);
            break;
          }
        }
        table.partitions = partitions.slice(0, MAX_PARTITIONS_PER_TABLE);
        if (truncated) table.partitionsTruncated = true;
        read += table.partitions.length;
      }
      return read;
    },
    (read) => ({
      items: read,
      detail: `read ${read} partition${read === 1 ? '' : 's'} of ${tables.map((t) => t.name).join(', ')}`,
    }),
  );
}
