/** Facts about a Glue crawler and its last crawl. Filled by the crawler fetchers (issue 5). */
export interface CrawlerFacts {
  name: string;
  state?: string;
  databaseName?: string;
  lastCrawl?: { status?: string; errorMessage?: string; logGroup?: string; logStream?: string; messagePrefix?: string; startTime?: string };
  [key: string]: unknown;
}
