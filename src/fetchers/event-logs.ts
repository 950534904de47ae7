import type { EvidenceCollector } from '../evidence/collector.js';
import type { Evidence } from '../evidence/model.js';
import type { SourceTracker } from './sources.js';

/** Offline Spark event logs given with --event-log (issue 4). */
export async function fetchEventLogFiles(
  _paths: string[],
  _evidence: Evidence,
  _collector: EvidenceCollector,
  _tracker: SourceTracker,
): Promise<void> {}
