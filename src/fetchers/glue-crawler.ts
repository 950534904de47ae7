import type { AwsClients } from '../aws/clients.js';
import { UsageError } from '../errors.js';
import type { EvidenceCollector } from '../evidence/collector.js';
import type { Evidence } from '../evidence/model.js';
import type { LogBudget } from './cloudwatch-logs.js';
import type { SourceTracker } from './sources.js';

/** Adds what the Glue API and the crawl log know about a crawler's last crawl (issue 5). */
export async function fetchGlueCrawler(
  _clients: AwsClients,
  _evidence: Evidence,
  _collector: EvidenceCollector,
  _tracker: SourceTracker,
  _budget: LogBudget,
): Promise<void> {
  throw new UsageError('diagnosing Glue crawlers is not supported yet');
}
