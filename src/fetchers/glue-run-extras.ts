import type { AwsClients } from '../aws/clients.js';
import type { EvidenceCollector } from '../evidence/collector.js';
import type { Evidence } from '../evidence/model.js';
import type { SourceTracker } from './sources.js';

/**
 * Reads what a Glue run has beyond its logs: CloudWatch metrics, the job bookmark and run history,
 * the Spark event log (issue 4). Called after the run and its logs are read.
 */
export async function fetchGlueRunExtras(
  _clients: AwsClients,
  _evidence: Evidence,
  _collector: EvidenceCollector,
  _tracker: SourceTracker,
): Promise<void> {}
