import type { ProblemItem } from '../fetchers/account-list.js';
import { sourceMark, spinnerFrame, type DisplayLine, type Part } from './display.js';
import { duration, fit, longTime, oneLine, shortTime } from './format.js';
import type { SourceLine, TriageState } from './state.js';

/** Column widths of the list at a terminal width; the name takes what is left, a message column appears on wide screens. */
export function listColumns(width: number) {
  const fixed = { marker: 2, kind: 10, state: 11, started: 13, duration: 9 };
  const rest = width - (fixed.marker + fixed.kind + fixed.state + fixed.started + fixed.duration);
  const name = Math.max(8, Math.min(rest, 48));
  const message = rest - name >= 20 ? rest - name : 0;
  return { ...fixed, name, message };
}

function stateTone(item: ProblemItem): Part['tone'] {
  if (!item.failed) return 'green';
  if (item.state === 'TIMEOUT' || item.state === 'CANCELLED') return 'yellow';
  return 'red';
}

export function headerRow(width: number): DisplayLine {
  const c = listColumns(width);
  const text =
    ' '.repeat(c.marker) +
    fit('KIND', c.kind) +
    fit('NAME', c.name) +
    fit('STATE', c.state) +
    fit('STARTED UTC', c.started) +
    fit('DURATION', c.duration) +
    (c.message ? fit('MESSAGE', c.message) : '');
  return [{ text, bold: true, dim: true }];
}

export function itemRow(item: ProblemItem, selected: boolean, width: number): DisplayLine {
  const c = listColumns(width);
  const base: Partial<Part> = selected ? { inverse: true } : {};
  const parts: Part[] = [
    { text: selected ? '› ' : '  ', bold: true, ...base },
    { text: fit(item.kind, c.kind - 1) + ' ', tone: 'cyan', ...base },
    { text: fit(oneLine(item.name), c.name - 1) + ' ', bold: selected, ...base },
    { text: fit(oneLine(item.state), c.state - 1) + ' ', tone: stateTone(item), ...base },
    { text: fit(shortTime(item.startedOn), c.started - 1) + ' ', ...base },
    { text: fit(duration(item.durationSec), c.duration - 1) + (c.message ? ' ' : ''), ...base },
  ];
  if (c.message) parts.push({ text: fit(oneLine(item.message), c.message), dim: !selected, ...base });
  return parts;
}

/** The first row shown so that the selected one stays in view, near the middle when it can. */
export function listOffset(cursor: number, count: number, height: number): number {
  return Math.max(0, Math.min(cursor - Math.floor(height / 2), count - height));
}

/** `24h → 11-20 03:14 UTC`, or `11-19 00:00 → 11-20 03:14 UTC` for a --since date. */
export function windowLabel(since: Date, now: Date, sinceLabel: string): string {
  return `${sinceLabel || longTime(since).slice(5, 16)} → ${longTime(now).slice(5)}`;
}

/** `⠋ Glue job runs  ✓ Glue crawlers 2  ! EMR steps denied` */
export function sourcesRow(sources: SourceLine[], frame: number): DisplayLine {
  const parts: Part[] = [];
  for (const s of sources) {
    if (parts.length) parts.push({ text: '   ' });
    parts.push(sourceMark(s, frame), { text: ` ${s.name}` });
    if (s.status === 'ok') parts.push({ text: ` ${s.items ?? 0}`, dim: true });
    else if (s.status !== 'reading')
      parts.push({ text: ` ${s.status}`, tone: s.status === 'error' ? 'red' : 'yellow' });
  }
  return parts.length ? parts : [{ text: `${spinnerFrame(frame)} connecting…`, tone: 'cyan' }];
}

/** One line per listing source that failed, with what AWS said. */
export function failedSourceRows(sources: SourceLine[], max = 2): DisplayLine[] {
  return sources
    .filter((s) => s.status !== 'ok' && s.status !== 'reading')
    .slice(0, max)
    .map((s) => [
      { text: '! ', tone: 'yellow', bold: true },
      { text: `${s.name} ${s.status}: `, tone: 'yellow' },
      { text: oneLine(s.detail), dim: true },
    ]);
}

/** What the list area says when it has no rows to show. */
export function emptyMessage(state: TriageState, frame: number, window: string): DisplayLine[] {
  const list = state.list;
  if (list.status === 'failed') {
    return [
      [{ text: `✖ could not list: ${oneLine(list.error)}`, tone: 'red', bold: true }],
      [{ text: '  r tries again, q quits.', dim: true }],
    ];
  }
  if (list.items.length === 0) {
    if (list.status === 'loading')
      return [[{ text: `${spinnerFrame(frame)} looking for failed runs, crawls and steps…`, tone: 'cyan' }]];
    return [
      [
        { text: '✔ No failed Glue job runs, crawls or EMR steps', tone: 'green', bold: true },
        { text: `  (${window})` },
      ],
      [{ text: '  Look further back with --since (e.g. --since 3d), or press r to reload.', dim: true }],
    ];
  }
  const filters = [
    state.kind !== 'all' ? `kind ${state.kind}` : '',
    state.query ? `"${oneLine(state.query)}"` : '',
  ].filter(Boolean);
  return [
    [{ text: `Nothing matches ${filters.join(' and ')}.`, bold: true }],
    [{ text: '  f cycles the kind, Esc clears the search.', dim: true }],
  ];
}
