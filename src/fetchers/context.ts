import type { AwsClients } from '../aws/clients.js';
import type { EvidenceCollector } from '../evidence/collector.js';
import type { Evidence } from '../evidence/model.js';
import type { LogBudget } from './cloudwatch-logs.js';
import type { SourceTracker } from './sources.js';

/** What every AWS fetcher works with: the clients, the evidence it fills, the scanner, the source log, the budget. */
export interface FetchContext {
  clients: AwsClients;
  evidence: Evidence;
  collector: EvidenceCollector;
  tracker: SourceTracker;
  budget: LogBudget;
}
