import type { Report } from '../engine/report.js';
import type { ItemKind, ListEvent, ListResult, ProblemItem } from '../fetchers/account-list.js';
import type { ProgressListener } from '../fetchers/sources.js';

/** What the UI needs from the outside world; the command wires these to AWS, tests to fakes. */
export interface TriageDeps {
  /** Lists recent problem items, sending events as sources answer. Rejects only on fatal errors. */
  loadList(onEvent: (event: ListEvent) => void): Promise<ListResult>;
  /** Diagnoses one item through the one diagnosis pipeline (`runDiagnosis`). */
  diagnose(item: ProblemItem, onProgress: ProgressListener): Promise<Report>;
}

export interface TriageOptions {
  since: Date;
  now: Date;
  /** How `--since` was given, for the header (`24h`, `2026-11-19`). */
  sinceLabel: string;
  initialKind?: ItemKind;
  color: boolean;
}

/** What the user asked for when leaving the UI. */
export type ExitRequest = { type: 'quit' } | { type: 'print'; item: ProblemItem; report: Report };
