import { stripControl } from '../util/sanitize.js';

/** Text from AWS or a log, made safe to draw: control sequences stripped, tabs as spaces. */
export function clean(text: string | undefined): string {
  return stripControl(text ?? '').replace(/\t/g, '  ');
}

/** One line of it: newlines folded, runs of spaces kept short. */
export function oneLine(text: string | undefined): string {
  return clean(text)
    .replace(/\s*\n\s*/g, ' ⏎ ')
    .replace(/ {3,}/g, '  ')
    .trim();
}

/** Exactly `width` columns: cut with an ellipsis, or padded. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length > width) return width === 1 ? '…' : chars.slice(0, width - 1).join('') + '…';
  return text + ' '.repeat(width - chars.length);
}

/** At most `width` columns, cut in the middle (keeps a location's line number and an id's end visible). */
export function middle(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return '…'.slice(0, Math.max(0, width));
  const head = Math.ceil((width - 1) / 2);
  const tail = width - 1 - head;
  return chars.slice(0, head).join('') + '…' + (tail > 0 ? chars.slice(-tail).join('') : '');
}

/** A long id shortened for a title or detail line (`jr_416a724ceabb…`); short ids as they are. */
export function shortId(id: string, max = 20): string {
  const chars = [...id];
  return chars.length <= max ? id : chars.slice(0, max - 1).join('') + '…';
}

/** Word-wraps text to `width` columns; a word longer than a line is cut across lines. */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const paragraph of clean(text).split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      if (!word) continue;
      let rest = word;
      if (line && [...line].length + 1 + [...rest].length <= w) {
        line += ` ${rest}`;
        continue;
      }
      if (line) out.push(line);
      line = '';
      while ([...rest].length > w) {
        out.push([...rest].slice(0, w).join(''));
        rest = [...rest].slice(w).join('');
      }
      line = rest;
    }
    out.push(line);
  }
  return out;
}

/** Cuts text into lines of exactly `width` columns (for commands and links, where words do not help). */
export function chop(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const line of clean(text).split('\n')) {
    const chars = [...line];
    if (chars.length === 0) out.push('');
    for (let i = 0; i < chars.length; i += w) out.push(chars.slice(i, i + w).join(''));
  }
  return out;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `11-20 03:05`, in UTC (the header says so). */
export function shortTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** `2026-11-20 03:05 UTC`. */
export function longTime(date: Date): string {
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}

/** `45s`, `9m 01s`, `1h 05m`, `2d 03h`. */
export function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad2(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${pad2(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d ${pad2(Math.floor((s % 86_400) / 3600))}h`;
}
