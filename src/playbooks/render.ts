import type { TargetKind } from '../target.js';
import type { Fix, Playbook } from './load.js';
import { placeholderFor } from './vars.js';

export type Vars = Record<string, string | undefined>;

export function fill(text: string, vars: Vars): string {
  return text.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (_, name: string) => vars[name] ?? placeholderFor(name));
}

/** The playbook as a finding carries it: names filled in, fixes for this kind of target, cheapest first. */
export interface FilledPlaybook {
  id: string;
  title: string;
  meaning: string;
  diagnosis: string;
  fixes: { title: string; command?: string; detail: string }[];
  references: { title: string; url: string }[];
}

function appliesTo(fix: Fix, kind: TargetKind): boolean {
  return kind === 'log-files' || fix.appliesTo.length === 0 || fix.appliesTo.includes(kind);
}

export function fillPlaybook(playbook: Playbook, kind: TargetKind, vars: Vars): FilledPlaybook {
  const fixes = playbook.fixes.filter((f) => appliesTo(f, kind));
  return {
    id: playbook.id,
    title: playbook.title,
    meaning: fill(playbook.meaning, vars),
    diagnosis: fill(playbook.diagnosis, vars),
    fixes: (fixes.length > 0 ? fixes : playbook.fixes).map((f) => ({
      title: fill(f.title, vars),
      ...(f.command ? { command: fill(f.command, vars) } : {}),
      detail: fill(f.detail, vars),
    })),
    references: playbook.references,
  };
}
