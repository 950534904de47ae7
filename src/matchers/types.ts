import type { SymptomId, Severity } from '../catalogue.js';
import type { Evidence, EvidenceSource } from '../evidence/model.js';
import type { PlaybookVar } from '../playbooks/vars.js';

/** A text signature the log scanner looks for on behalf of one or more matchers. */
export interface Signal {
  /** Stable id, e.g. `java-oom`. Several matchers may read the same signal. */
  id: string;
  pattern: RegExp;
  /** A match is ignored when the line also matches this (known false-positive shapes). */
  unless?: RegExp;
  /**
   * Literal words, one of which every match contains (ASCII, compared without case). They let the
   * scanner skip text with a fast multi-keyword search; a signal without them is scanned by regex.
   */
  keywords?: readonly string[];
  /**
   * Named groups whose distinct values the scanner counts over every match (kept hits are capped), e.g.
   * the executor ids of "Lost executor N".
   */
  distinct?: readonly string[];
}

export interface MatcherMeta {
  id: SymptomId;
  title: string;
  severity: Severity;
  signals: readonly Signal[];
  /** Symptoms this one commonly causes; the engine ranks this one first when both are found. */
  explains?: readonly SymptomId[];
  /**
   * When the run itself succeeded, failures it recovered from are not findings (they become notes).
   * Symptoms that matter precisely when a run "succeeds" (stale bookmark, skew, duplicate tables) keep firing.
   */
  reportWhenSucceeded?: boolean;
}

/** One cited fact behind a finding. Serialised as `evidence[]` in the JSON report. */
export interface EvidenceItem {
  source: EvidenceSource;
  location: string;
  line?: number;
  timestamp?: string;
  text: string;
}

export interface Alternative {
  reading: string;
  confidence: number;
}

export interface Match {
  confidence: number;
  severity?: Severity;
  summary: string;
  evidence: EvidenceItem[];
  vars?: Partial<Record<PlaybookVar, string>>;
  /** Other readings of the same evidence, ranked, when the evidence does not settle it. */
  alternatives?: Alternative[];
}

export interface Matcher {
  meta: MatcherMeta;
  /** Pure: reads evidence, returns a match or null. Never fetches, never throws on odd input. */
  match(evidence: Evidence): Match | null;
}
