import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import matter from 'gray-matter';
import { z } from 'zod';
import { SEVERITIES, isSymptomId, type Severity, type SymptomId } from '../catalogue.js';
import type { TargetKind } from '../target.js';
import { PLAYBOOK_VARS } from './vars.js';

export interface Fix {
  title: string;
  detail: string;
  command?: string;
  /** Target kinds the fix is for; empty means all. */
  appliesTo: TargetKind[];
}

export interface Playbook {
  id: SymptomId;
  title: string;
  severity: Severity;
  related: SymptomId[];
  references: { title: string; url: string }[];
  meaning: string;
  impact: string;
  diagnosis: string;
  mitigation: string;
  fixes: Fix[];
  file: string;
}

export class PlaybookError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${file}: ${field}: ${problem}`);
    this.name = 'PlaybookError';
  }
}

const TARGET_KINDS = ['glue-job-run', 'glue-crawler', 'emr-step', 'log-files'] as const;
const SECTIONS = ['Meaning', 'Impact', 'Diagnosis', 'Mitigation'] as const;

const FrontMatter = z.object({
  id: z.string(),
  title: z.string().min(3),
  severity: z.enum(SEVERITIES),
  related: z.array(z.string()).default([]),
  references: z.array(z.object({ title: z.string().min(1), url: z.url() })).min(1),
});

/** The playbooks folder ships with the package, beside dist/ and src/. */
export const PLAYBOOK_DIR = fileURLToPath(new URL('../../playbooks/', import.meta.url));

function splitSections(file: string, body: string): Record<(typeof SECTIONS)[number], string> {
  const parts = body.split(/^## +/m).slice(1);
  const found = parts.map((p) => {
    const nl = p.indexOf('\n');
    return { name: (nl < 0 ? p : p.slice(0, nl)).trim(), text: nl < 0 ? '' : p.slice(nl + 1).trim() };
  });
  const names = found.map((f) => f.name);
  SECTIONS.forEach((name, i) => {
    if (names[i] !== name) {
      throw new PlaybookError(file, `section ${i + 1}`, `expected "## ${name}", found ${names[i] ? `"## ${names[i]}"` : 'nothing'}`);
    }
  });
  if (names.length !== SECTIONS.length) {
    throw new PlaybookError(file, 'sections', `expected exactly ${SECTIONS.join(', ')}; found ${names.join(', ')}`);
  }
  return Object.fromEntries(found.map((f) => [f.name, f.text])) as Record<(typeof SECTIONS)[number], string>;
}

function parseFix(file: string, chunk: string, index: number): Fix {
  const nl = chunk.indexOf('\n');
  const title = (nl < 0 ? chunk : chunk.slice(0, nl)).trim();
  let rest = nl < 0 ? '' : chunk.slice(nl + 1);
  const field = `Mitigation fix ${index + 1} ("${title}")`;
  let appliesTo: TargetKind[] = [];
  const applies = /^\s*Applies to:\s*(.+)$/m.exec(rest);
  if (applies && rest.slice(0, applies.index).trim() === '') {
    appliesTo = applies[1]!.split(',').map((s) => s.trim()) as TargetKind[];
    const bad = appliesTo.find((k) => !(TARGET_KINDS as readonly string[]).includes(k));
    if (bad) throw new PlaybookError(file, field, `unknown target kind "${bad}" in Applies to`);
    rest = rest.slice(applies.index + applies[0].length);
  }
  const blocks = [...rest.matchAll(/^```[\w-]*\n([\s\S]*?)^```\s*$/gm)];
  if (blocks.length > 1) throw new PlaybookError(file, field, 'has more than one code block');
  const command = blocks[0]?.[1]?.trimEnd();
  const detail = rest.replace(/^```[\w-]*\n[\s\S]*?^```\s*$/gm, '').trim();
  if (!title) throw new PlaybookError(file, field, 'has no title');
  return { title, detail, ...(command ? { command } : {}), appliesTo };
}

function checkPlaceholders(file: string, text: string) {
  for (const m of text.matchAll(/\{\{\s*([\w-]+)\s*\}\}/g)) {
    if (!(m[1]! in PLAYBOOK_VARS)) throw new PlaybookError(file, 'placeholder', `unknown {{${m[1]}}}`);
  }
}

export function parsePlaybook(file: string, source: string): Playbook {
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(source);
  } catch (err) {
    throw new PlaybookError(file, 'front matter', (err as Error).message.split('\n')[0] ?? 'unreadable YAML');
  }
  const fm = FrontMatter.safeParse(parsed.data);
  if (!fm.success) {
    const issue = fm.error.issues[0]!;
    throw new PlaybookError(file, issue.path.join('.') || 'front matter', issue.message);
  }
  const id = fm.data.id;
  if (!isSymptomId(id)) throw new PlaybookError(file, 'id', `"${id}" is not a catalogue symptom id`);
  if (basename(file) !== `${id}.md`) throw new PlaybookError(file, 'id', `"${id}" does not match the file name`);
  const related = fm.data.related.map((r) => {
    if (!isSymptomId(r)) throw new PlaybookError(file, 'related', `"${r}" is not a catalogue symptom id`);
    return r;
  });
  checkPlaceholders(file, parsed.content);
  const sections = splitSections(file, parsed.content);
  const fixChunks = sections.Mitigation.split(/^### +/m).slice(1);
  if (fixChunks.length === 0) throw new PlaybookError(file, 'Mitigation', 'has no "### " fix');
  return {
    id,
    title: fm.data.title,
    severity: fm.data.severity,
    related,
    references: fm.data.references,
    meaning: sections.Meaning,
    impact: sections.Impact,
    diagnosis: sections.Diagnosis,
    mitigation: sections.Mitigation,
    fixes: fixChunks.map((chunk, i) => parseFix(file, chunk, i)),
    file,
  };
}

let cache: Map<SymptomId, Playbook> | undefined;

/** Loads and validates every playbook; a broken one is an error naming the file and the field. */
export function loadPlaybooks(dir = PLAYBOOK_DIR): Map<SymptomId, Playbook> {
  if (dir === PLAYBOOK_DIR && cache) return cache;
  const map = new Map<SymptomId, Playbook>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    if (name.toLowerCase() === 'readme.md') continue;
    const file = join(dir, name);
    const playbook = parsePlaybook(file, readFileSync(file, 'utf8'));
    map.set(playbook.id, playbook);
  }
  if (dir === PLAYBOOK_DIR) cache = map;
  return map;
}
