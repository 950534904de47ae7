import type { SourceLine } from './state.js';
import { oneLine } from './format.js';

/** A run of text on one screen line, with its look. Colours are dropped when colour is off. */
export interface Part {
  text: string;
  tone?: 'red' | 'green' | 'yellow' | 'cyan' | 'magenta' | 'gray';
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}

/** One screen line. Components draw these truncated at the terminal width: they never wrap. */
export type DisplayLine = Part[];

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;

export function spinnerFrame(frame: number): string {
  return SPINNER[frame % SPINNER.length]!;
}

/** `✓`, `!` or a spinner, as `diagnose` prints sources. */
export function sourceMark(source: SourceLine, frame: number): Part {
  if (source.status === 'reading') return { text: spinnerFrame(frame), tone: 'cyan' };
  if (source.status === 'ok') return { text: '✓', tone: 'green' };
  return { text: '!', tone: source.status === 'error' ? 'red' : 'yellow', bold: true };
}

/** A source with its status and detail: `✓ glue:GetJobRun  12 items`, `! logs:/x  missing  gone`. */
export function sourceParts(source: SourceLine, frame: number): Part[] {
  const parts: Part[] = [sourceMark(source, frame), { text: ` ${oneLine(source.name)}` }];
  if (source.status === 'reading') parts.push({ text: '  reading…', dim: true });
  else if (source.status !== 'ok')
    parts.push({ text: `  ${source.status}`, tone: source.status === 'error' ? 'red' : 'yellow' });
  const extra = [source.detail ? oneLine(source.detail) : '', source.truncated ? '(partial)' : '']
    .filter(Boolean)
    .join(' ');
  if (extra) parts.push({ text: `  ${extra}`, dim: true });
  return parts;
}

export function blank(): DisplayLine {
  return [{ text: ' ' }];
}

export function textWidth(line: DisplayLine): number {
  return line.reduce((n, p) => n + [...p.text].length, 0);
}
