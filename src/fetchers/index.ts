import type { Readable } from 'node:stream';
import type { AwsClients } from '../aws/clients.js';
import { UsageError } from '../errors.js';
import { EvidenceCollector } from '../evidence/collector.js';
import { emptyEvidence, type Evidence } from '../evidence/model.js';
import { allSignals } from '../matchers/index.js';
import type { Target } from '../target.js';
import { fetchEventLogFiles } from './event-logs.js';
import { fetchLogFiles } from './log-files.js';
import { SourceTracker, type ProgressListener } from './sources.js';

export interface FetchOptions {
  /** Needed for every target but log files. */
  clients?: AwsClients;
  onProgress?: ProgressListener;
  stdin?: Readable;
  /** Upper bound on log text read for one diagnosis. */
  maxLogBytes?: number;
}

export const DEFAULT_MAX_LOG_BYTES = 1024 * 1024 * 1024;

/** target -> evidence: runs the fetchers a target needs and collects what they found. */
export async function collectEvidence(target: Target, options: FetchOptions = {}): Promise<Evidence> {
  const evidence = emptyEvidence(target);
  const collector = new EvidenceCollector(allSignals());
  const tracker = new SourceTracker(options.onProgress);
  const budget = { bytesLeft: options.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES };
  if (target.kind === 'log-files') {
    await fetchLogFiles(target.paths, collector, tracker, options.stdin);
    if (target.eventLogs?.length) await fetchEventLogFiles(target.eventLogs, evidence, collector, tracker);
  } else {
    const clients = options.clients;
    if (!clients) throw new UsageError(`${target.kind} needs AWS access`);
    evidence.region = await clients.region();
    const ctx = { clients, evidence, collector, tracker, budget };
    // Loaded on demand: offline diagnoses never pay for the AWS SDK at start-up.
    const load = {
      'glue-job-run': async () => (await import('./glue-job-run.js')).fetchGlueJobRun,
      'glue-crawler': async () => (await import('./glue-crawler.js')).fetchGlueCrawler,
      'emr-step': async () => (await import('./emr-step.js')).fetchEmrStep,
    }[target.kind];
    await (
      await load()
    )(ctx);
  }
  // The event log's stage statistics are exact; the driver's task lines stand in when there is none.
  if (!evidence.stages?.length) {
    const fromLines = collector.taskLines.toStages();
    if (fromLines.length > 0) evidence.stages = fromLines;
  }
  evidence.hits = collector.hits();
  evidence.hitCounts = collector.counts();
  evidence.distinctCounts = collector.distinctCounts();
  evidence.linesScanned = collector.linesScanned;
  evidence.sources = tracker.sources;
  return evidence;
}
