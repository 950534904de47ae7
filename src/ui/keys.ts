import type { Key } from 'ink';
import type { Action, TriageState } from './state.js';

/** What a key asks for: a state change, or an effect the hook runs (diagnose, reload, quit...). */
export type Intent =
  | Action
  | { type: 'diagnose' }
  | { type: 'rediagnose' }
  | { type: 'reload' }
  | { type: 'print' }
  | { type: 'quit' };

/** Sizes at the current terminal size, for page-wise moves and scroll bounds. */
export interface KeyContext {
  /** Rows of the list. */
  listPage: number;
  /** Lines of the diagnosis body. */
  bodyPage: number;
  /** The last first-line the diagnosis body can scroll to. */
  bodyMax: number;
}

export type KeyInput = Partial<Key>;

/** Keys, as shown by `?`. */
export const HELP: readonly (readonly [string, string])[] = [
  ['↑ ↓  k j', 'move in the list / scroll the diagnosis'],
  ['PgUp PgDn', 'a page up or down (space: page down)'],
  ['g G  Home End', 'first / last'],
  ['Enter', 'diagnose the selected item'],
  ['Esc  ←', 'back to the list (in the list: clear the search)'],
  ['/', 'search names, ids, states, messages (Enter keeps, Esc clears)'],
  ['f  Tab', 'cycle the kind filter: all, glue-job, crawler, emr-step'],
  ['r', 'reload the list / diagnose the item again'],
  ['p', 'print this diagnosis in full, then quit (for copying)'],
  ['?', 'this help'],
  ['q  Ctrl+C', 'quit'],
];

function printable(input: string): boolean {
  return input.length > 0 && !/[\u0000-\u001f\u007f]/.test(input);
}

function searchKeys(input: string, key: KeyInput): Intent | undefined {
  if (key.escape) return { type: 'search/clear' };
  if (key.return) return { type: 'search/close' };
  if (key.backspace || key.delete) return { type: 'search/backspace' };
  if (key.upArrow) return { type: 'cursor/move', delta: -1 };
  if (key.downArrow) return { type: 'cursor/move', delta: 1 };
  if (key.ctrl || key.meta || key.tab) return undefined;
  return printable(input) ? { type: 'search/type', text: input } : undefined;
}

function listKeys(state: TriageState, input: string, key: KeyInput, ctx: KeyContext): Intent | undefined {
  if (key.upArrow || input === 'k') return { type: 'cursor/move', delta: -1 };
  if (key.downArrow || input === 'j') return { type: 'cursor/move', delta: 1 };
  if (key.pageUp) return { type: 'cursor/move', delta: -Math.max(1, ctx.listPage - 1) };
  if (key.pageDown || input === ' ') return { type: 'cursor/move', delta: Math.max(1, ctx.listPage - 1) };
  if (key.home || input === 'g') return { type: 'cursor/to', position: 'first' };
  if (key.end || input === 'G') return { type: 'cursor/to', position: 'last' };
  if (key.return || key.rightArrow) return { type: 'diagnose' };
  if (key.escape) return state.query ? { type: 'search/clear' } : undefined;
  if (input === '/') return { type: 'search/open' };
  if (input === 'f' || key.tab) return { type: 'kind/cycle' };
  if (input === 'r') return { type: 'reload' };
  return undefined;
}

function diagnosisKeys(
  state: TriageState,
  input: string,
  key: KeyInput,
  ctx: KeyContext,
): Intent | undefined {
  const max = ctx.bodyMax;
  const page = Math.max(1, ctx.bodyPage - 1);
  if (key.upArrow || input === 'k') return { type: 'diagnosis/scroll', delta: -1, max };
  if (key.downArrow || input === 'j') return { type: 'diagnosis/scroll', delta: 1, max };
  if (key.pageUp) return { type: 'diagnosis/scroll', delta: -page, max };
  if (key.pageDown || input === ' ') return { type: 'diagnosis/scroll', delta: page, max };
  if (key.home || input === 'g') return { type: 'diagnosis/scroll-to', position: 'top', max };
  if (key.end || input === 'G') return { type: 'diagnosis/scroll-to', position: 'bottom', max };
  if (key.escape || key.leftArrow || key.backspace || key.delete) return { type: 'view/back' };
  if (input === 'r') return { type: 'rediagnose' };
  if (input === 'p' && state.diagnosis?.status === 'done') return { type: 'print' };
  return undefined;
}

const NO_KEY: KeyInput = {};

/**
 * Keys typed faster than a frame, sent by a script (tmux send-keys) or pasted arrive as one input:
 * each character is its own key press then (Enter, Tab and Backspace included).
 */
export function splitKeys(input: string, key: KeyInput): [string, KeyInput][] {
  if (input.length <= 1 || input.includes('\u001b')) return [[input, key]];
  return [...input].map((ch): [string, KeyInput] => {
    if (ch === '\r' || ch === '\n') return ['', { return: true }];
    if (ch === '\t') return ['', { tab: true }];
    if (ch === '\u007f' || ch === '\b') return ['', { backspace: true }];
    return [ch, NO_KEY];
  });
}

/** Maps a key press to what it asks for in the current state; undefined when it means nothing there. */
export function keyToIntent(
  state: TriageState,
  input: string,
  key: KeyInput,
  ctx: KeyContext,
): Intent | undefined {
  if (state.view === 'list' && state.searching) return searchKeys(input, key);
  if (input === 'q') return { type: 'quit' };
  if (input === '?') return { type: 'help/toggle' };
  if (state.help) return key.escape ? { type: 'help/toggle' } : undefined;
  return state.view === 'list' ? listKeys(state, input, key, ctx) : diagnosisKeys(state, input, key, ctx);
}
