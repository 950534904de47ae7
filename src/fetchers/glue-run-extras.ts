import type { AwsClients } from '../aws/clients.js';
import type { EvidenceCollector } from '../evidence/collector.js';
import type { Evidence } from '../evidence/model.js';
import { bookmarksOn, fetchGlueBookmark, fetchGlueHistory } from './glue-bookmark.js';
import { fetchGlueEventLog } from './glue-event-log.js';
import { fetchGlueMetrics, fetchRunReads } from './glue-metrics.js';
import type { SourceTracker } from './sources.js';

/**
 * Reads what a Glue run has beyond its logs: the job bookmark and run history, CloudWatch metrics (the
 * run's series, then reads per recent run when bookmarks are on), and the Spark event log in S3.
 * Called after the run and its logs are read. Each read degrades alone; none aborts the diagnosis.
 */
export async function fetchGlueRunExtras(
  clients: AwsClients,
  evidence: Evidence,
  collector: EvidenceCollector,
  tracker: SourceTracker,
): Promise<void> {
  const glue = evidence.glue;
  if (!glue?.run) return;
  // History and bookmark matter only for a bookmarked job (run arguments or the job's defaults).
  const bookmarked =
    bookmarksOn(glue.run.arguments['--job-bookmark-option']) ||
    bookmarksOn(glue.job?.defaultArguments['--job-bookmark-option']);
  if (bookmarked) await fetchGlueHistory(clients, evidence, tracker);
  await fetchGlueBookmark(clients, evidence, tracker);
  await fetchGlueMetrics(clients, evidence, tracker);
  if (bookmarked) await fetchRunReads(clients, evidence, tracker);
  await fetchGlueEventLog(clients, evidence, collector, tracker);
}
