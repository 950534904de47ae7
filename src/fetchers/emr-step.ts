import type { AwsClients } from '../aws/clients.js';
import { UsageError } from '../errors.js';
import type { EvidenceCollector } from '../evidence/collector.js';
import type { Evidence } from '../evidence/model.js';
import type { LogBudget } from './cloudwatch-logs.js';
import type { SourceTracker } from './sources.js';

/** Adds what the EMR API and the step and container logs in S3 know about a step (issue 6). */
export async function fetchEmrStep(
  _clients: AwsClients,
  _evidence: Evidence,
  _collector: EvidenceCollector,
  _tracker: SourceTracker,
  _budget: LogBudget,
): Promise<void> {
  throw new UsageError('diagnosing EMR steps is not supported yet');
}
