import type { Severity, SymptomId } from '../catalogue.js';
import type { SourceStatus, TargetStatus } from '../evidence/model.js';
import type { MetricSeries } from '../evidence/metrics.js';
import type { Alternative, EvidenceItem } from '../matchers/types.js';
import type { FilledPlaybook } from '../playbooks/render.js';
import type { Target } from '../target.js';

export type Outcome = 'problem' | 'no-problem' | 'error-diagnosing';

export interface Finding {
  symptom: SymptomId;
  title: string;
  severity: Severity;
  confidence: number;
  summary: string;
  evidence: EvidenceItem[];
  /** The finding that explains this one, when this one is an effect. */
  causedBy?: SymptomId;
  /** Findings this one explains. */
  explains?: SymptomId[];
  alternatives?: Alternative[];
  playbook: FilledPlaybook;
}

/** The one result model: the JSON report is this object; text, markdown and the UI render it. */
export interface Report {
  schemaVersion: 1;
  tool: { name: 'etl-doctor'; version: string };
  target: Target;
  region?: string;
  outcome: Outcome;
  status?: TargetStatus;
  findings: Finding[];
  sources: SourceStatus[];
  /** Things worth knowing that are not findings (e.g. failures a succeeded run recovered from). */
  notes: string[];
  /** Why no diagnosis could be made, with outcome `error-diagnosing`. */
  error?: string;
  /** The CloudWatch metric series read for the target, in full (stat, period, datapoints). */
  metrics?: MetricSeries[];
}
