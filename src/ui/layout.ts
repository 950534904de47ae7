import { failedSourceRows } from './list-layout.js';
import type { TriageState } from './state.js';
import type { TerminalSize } from './use-terminal-size.js';

/** Lines drawn: one less than the terminal has, so that Ink never scrolls the screen. */
export function screenLines(size: TerminalSize): number {
  return Math.max(6, size.rows - 1);
}

/** Rows of the list: the screen less the header, sources, failed sources, column header, detail, search and key lines. */
export function listHeight(state: TriageState, size: TerminalSize): number {
  const failed = failedSourceRows(state.list.sources).length;
  const search = state.searching || state.query ? 1 : 0;
  return Math.max(1, screenLines(size) - 5 - failed - search);
}

/** Lines of the diagnosis body: the screen less the title, status and key lines. */
export function bodyHeight(size: TerminalSize): number {
  return Math.max(1, screenLines(size) - 3);
}
