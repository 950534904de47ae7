import type { Severity, SymptomId } from '../catalogue.js';
import type { Evidence } from '../evidence/model.js';
import { MATCHERS } from '../matchers/index.js';
import type { Match, Matcher } from '../matchers/types.js';
import { loadPlaybooks, type Playbook } from '../playbooks/load.js';
import { fillPlaybook } from '../playbooks/render.js';
import { VERSION } from '../version.js';
import type { Finding, Outcome, Report } from './report.js';
import { varsFromEvidence } from './vars.js';

const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

interface Found {
  matcher: Matcher;
  match: Match;
}

export interface DiagnoseOptions {
  matchers?: readonly Matcher[];
  playbooks?: Map<SymptomId, Playbook>;
}

function score(f: Found): number {
  return f.match.confidence + 0.05 * SEVERITY_WEIGHT[f.match.severity ?? f.matcher.meta.severity];
}

function runMatchers(evidence: Evidence, matchers: readonly Matcher[]): Found[] {
  const found: Found[] = [];
  for (const matcher of matchers) {
    if (matcher.meta.id === 'unclassified-failure') continue;
    const match = matcher.match(evidence);
    if (match) found.push({ matcher, match });
  }
  return found;
}

/** For each found symptom, the found symptoms that explain it (direct causes in the catalogue's sense). */
function causesOf(found: Found[]): Map<SymptomId, SymptomId[]> {
  const present = new Set(found.map((f) => f.matcher.meta.id));
  const causes = new Map<SymptomId, SymptomId[]>();
  for (const f of found) {
    for (const effect of f.matcher.meta.explains ?? []) {
      if (!present.has(effect) || effect === f.matcher.meta.id) continue;
      causes.set(effect, [...(causes.get(effect) ?? []), f.matcher.meta.id]);
    }
  }
  return causes;
}

/** Depth in the cause chain: 0 for a root cause, 1 for what it explains, and so on. */
function depths(found: Found[], causes: Map<SymptomId, SymptomId[]>): Map<SymptomId, number> {
  const depth = new Map<SymptomId, number>();
  const visit = (id: SymptomId, seen: Set<SymptomId>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0;
    seen.add(id);
    const d = Math.max(-1, ...(causes.get(id) ?? []).map((c) => visit(c, seen))) + 1;
    depth.set(id, d);
    return d;
  };
  for (const f of found) visit(f.matcher.meta.id, new Set());
  return depth;
}

function rank(found: Found[]): { ordered: Found[]; causedBy: Map<SymptomId, SymptomId> } {
  const causes = causesOf(found);
  const depth = depths(found, causes);
  const causedBy = new Map<SymptomId, SymptomId>();
  for (const [effect, list] of causes) {
    const direct = [...list].sort((a, b) => (depth.get(b) ?? 0) - (depth.get(a) ?? 0))[0];
    if (direct) causedBy.set(effect, direct);
  }
  const ordered = [...found].sort(
    (a, b) =>
      (depth.get(a.matcher.meta.id) ?? 0) - (depth.get(b.matcher.meta.id) ?? 0) || score(b) - score(a),
  );
  return { ordered, causedBy };
}

function toFinding(
  f: Found,
  evidence: Evidence,
  playbooks: Map<SymptomId, Playbook>,
  causedBy: Map<SymptomId, SymptomId>,
  present: Found[],
): Finding {
  const id = f.matcher.meta.id;
  const playbook = playbooks.get(id);
  if (!playbook) throw new Error(`no playbook for ${id}`);
  const vars = { ...varsFromEvidence(evidence), ...(f.match.vars ?? {}) };
  const cause = causedBy.get(id);
  const explains = present.map((p) => p.matcher.meta.id).filter((other) => causedBy.get(other) === id);
  return {
    symptom: id,
    title: f.matcher.meta.title,
    severity: f.match.severity ?? f.matcher.meta.severity,
    confidence: Math.round(f.match.confidence * 100) / 100,
    summary: cause ? `${f.match.summary} This is an effect of ${cause}.` : f.match.summary,
    evidence: f.match.evidence,
    ...(cause ? { causedBy: cause } : {}),
    ...(explains.length > 0 ? { explains } : {}),
    ...(f.match.alternatives ? { alternatives: f.match.alternatives } : {}),
    playbook: fillPlaybook(playbook, evidence.target.kind, vars),
  };
}

function outcomeOf(evidence: Evidence, findings: Finding[]): Outcome {
  if (findings.length > 0) return 'problem';
  const anyRead = evidence.status !== undefined || evidence.sources.some((s) => s.status === 'ok');
  return anyRead ? 'no-problem' : 'error-diagnosing';
}

/** Log files carry no AWS state: a final success line with no failure marker is the next best thing. */
function endedWell(evidence: Evidence): boolean {
  return (evidence.hitCounts['success-marker'] ?? 0) > 0 && (evidence.hitCounts['failure-marker'] ?? 0) === 0;
}

/** Evidence in, report out: run every matcher, rank cause before effect, attach playbooks. */
export function diagnose(evidence: Evidence, options: DiagnoseOptions = {}): Report {
  const matchers = options.matchers ?? MATCHERS;
  const playbooks = options.playbooks ?? loadPlaybooks();
  const succeeded = evidence.status ? !evidence.status.failed : endedWell(evidence);
  const notes: string[] = [];
  let found = runMatchers(evidence, matchers);
  if (succeeded) {
    const recovered = found.filter((f) => !f.matcher.meta.reportWhenSucceeded);
    const state = evidence.status?.state ?? 'succeeded (as the log says)';
    for (const f of recovered)
      notes.push(`The run ${state} despite ${f.matcher.meta.id}: ${f.match.summary}`);
    found = found.filter((f) => f.matcher.meta.reportWhenSucceeded);
  }
  if (found.length === 0) {
    const fallback = matchers.find((m) => m.meta.id === 'unclassified-failure');
    const match = fallback?.match(evidence);
    if (fallback && match) found = [{ matcher: fallback, match }];
  }
  const { ordered, causedBy } = rank(found);
  const findings = ordered.map((f) => toFinding(f, evidence, playbooks, causedBy, ordered));
  return {
    schemaVersion: 1,
    tool: { name: 'etl-doctor', version: VERSION },
    target: evidence.target,
    ...(evidence.region ? { region: evidence.region } : {}),
    outcome: outcomeOf(evidence, findings),
    ...(evidence.status ? { status: evidence.status } : {}),
    findings,
    sources: evidence.sources,
    notes,
    ...(evidence.metrics?.length ? { metrics: evidence.metrics } : {}),
  };
}
