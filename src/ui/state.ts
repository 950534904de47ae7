import type { Report } from '../engine/report.js';
import type { SourceStatus, SourceStatusKind } from '../evidence/model.js';
import {
  ITEM_KINDS,
  newestFirst,
  type ItemKind,
  type ListEvent,
  type ListResult,
  type ProblemItem,
} from '../fetchers/account-list.js';
import type { ProgressEvent } from '../fetchers/sources.js';

/**
 * The whole state of the triage UI and the named actions that change it. Pure: the hook in
 * use-triage.ts runs the effects (listing, diagnosing) and dispatches what they report.
 */

export type KindFilter = ItemKind | 'all';
export const KIND_CYCLE: readonly KindFilter[] = ['all', ...ITEM_KINDS];

/** A source being read (`reading`) or read, in the list's status line or a diagnosis. */
export interface SourceLine {
  name: string;
  status: 'reading' | SourceStatusKind;
  detail?: string;
  items?: number;
  truncated?: boolean;
}

export interface ListState {
  /** Results of an older listing (before a reload) are ignored. */
  requestId: number;
  status: 'loading' | 'done' | 'failed';
  region?: string;
  /** Newest first. */
  items: ProblemItem[];
  sources: SourceLine[];
  /** Why the listing stopped (credentials, region), with status `failed`. */
  error?: string;
}

export interface DiagnosisState {
  requestId: number;
  item: ProblemItem;
  status: 'running' | 'done' | 'failed';
  sources: SourceLine[];
  /** Progress messages the fetchers sent. */
  messages: string[];
  report?: Report;
  /** Why the diagnosis could not run at all, with status `failed`. */
  error?: string;
  /** First body line shown. */
  scroll: number;
}

export interface TriageState {
  view: 'list' | 'diagnosis';
  list: ListState;
  /** The selected item's key; undefined until the user moves, so the newest item stays selected. */
  cursorKey?: string;
  kind: KindFilter;
  query: string;
  /** The `/` search line has the keyboard. */
  searching: boolean;
  diagnosis?: DiagnosisState;
  help: boolean;
}

export type Action =
  | { type: 'list/start'; requestId: number }
  | { type: 'list/event'; requestId: number; event: ListEvent }
  | { type: 'list/done'; requestId: number; result: ListResult }
  | { type: 'list/failed'; requestId: number; error: string }
  | { type: 'cursor/move'; delta: number }
  | { type: 'cursor/to'; position: 'first' | 'last' }
  | { type: 'kind/cycle' }
  | { type: 'search/open' }
  | { type: 'search/type'; text: string }
  | { type: 'search/backspace' }
  /** Enter: keep the query, give the keys back to the list. */
  | { type: 'search/close' }
  /** Esc: drop the query. */
  | { type: 'search/clear' }
  | { type: 'diagnosis/start'; requestId: number; item: ProblemItem }
  | { type: 'diagnosis/progress'; requestId: number; event: ProgressEvent }
  | { type: 'diagnosis/done'; requestId: number; report: Report }
  | { type: 'diagnosis/failed'; requestId: number; error: string }
  /** `max` is the last first-line the body can scroll to at the current size. */
  | { type: 'diagnosis/scroll'; delta: number; max: number }
  | { type: 'diagnosis/scroll-to'; position: 'top' | 'bottom'; max: number }
  /** Back to a diagnosis already made (Enter on the item it is about). */
  | { type: 'view/diagnosis' }
  | { type: 'view/back' }
  | { type: 'help/toggle' };

export function initialState(options: { initialKind?: ItemKind } = {}): TriageState {
  return {
    view: 'list',
    list: { requestId: 0, status: 'loading', items: [], sources: [] },
    kind: options.initialKind ?? 'all',
    query: '',
    searching: false,
    help: false,
  };
}

function matchesQuery(item: ProblemItem, query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return [item.name, item.id, item.state, item.kind, item.message ?? ''].some((field) =>
    field.toLowerCase().includes(q),
  );
}

/** The items the list shows: kind filter and search applied, newest first. */
export function visibleItems(state: TriageState): ProblemItem[] {
  return state.list.items.filter(
    (item) => (state.kind === 'all' || item.kind === state.kind) && matchesQuery(item, state.query),
  );
}

/** Index of the selected item among the visible ones (0 when none is chosen or it is filtered out). */
export function cursorIndex(state: TriageState, visible: ProblemItem[] = visibleItems(state)): number {
  if (state.cursorKey === undefined) return 0;
  const i = visible.findIndex((item) => item.key === state.cursorKey);
  return i < 0 ? 0 : i;
}

export function selectedItem(state: TriageState): ProblemItem | undefined {
  const visible = visibleItems(state);
  return visible[cursorIndex(state, visible)];
}

function upsertSource(sources: SourceLine[], line: SourceLine): SourceLine[] {
  const i = sources.findIndex((s) => s.name === line.name);
  if (i < 0) return [...sources, line];
  return sources.map((s, j) => (j === i ? line : s));
}

function fromStatus(source: SourceStatus): SourceLine {
  return {
    name: source.name,
    status: source.status,
    ...(source.detail !== undefined ? { detail: source.detail } : {}),
    ...(source.items !== undefined ? { items: source.items } : {}),
    ...(source.truncated ? { truncated: true } : {}),
  };
}

function mergeItems(items: ProblemItem[], more: ProblemItem[]): ProblemItem[] {
  const byKey = new Map(items.map((item) => [item.key, item]));
  for (const item of more) byKey.set(item.key, item);
  return [...byKey.values()].sort(newestFirst);
}

function listReducer(list: ListState, action: Action): ListState {
  switch (action.type) {
    case 'list/start':
      return {
        requestId: action.requestId,
        status: 'loading',
        items: [],
        sources: [],
        ...(list.region ? { region: list.region } : {}),
      };
    case 'list/event': {
      if (action.requestId !== list.requestId) return list;
      const event = action.event;
      if (event.type === 'region') return { ...list, region: event.region };
      if (event.type === 'source-start')
        return { ...list, sources: upsertSource(list.sources, { name: event.name, status: 'reading' }) };
      if (event.type === 'source-done')
        return { ...list, sources: upsertSource(list.sources, fromStatus(event.source)) };
      return { ...list, items: mergeItems(list.items, event.items) };
    }
    case 'list/done':
      if (action.requestId !== list.requestId) return list;
      return {
        ...list,
        status: 'done',
        region: action.result.region,
        items: mergeItems([], action.result.items),
        sources: action.result.sources.map(fromStatus),
      };
    case 'list/failed':
      if (action.requestId !== list.requestId) return list;
      return { ...list, status: 'failed', error: action.error };
    default:
      return list;
  }
}

function diagnosisReducer(d: DiagnosisState | undefined, action: Action): DiagnosisState | undefined {
  if (action.type === 'diagnosis/start') {
    return {
      requestId: action.requestId,
      item: action.item,
      status: 'running',
      sources: [],
      messages: [],
      scroll: 0,
    };
  }
  if (!d) return d;
  switch (action.type) {
    case 'diagnosis/progress': {
      if (action.requestId !== d.requestId) return d;
      const event = action.event;
      if (event.type === 'source-start')
        return { ...d, sources: upsertSource(d.sources, { name: event.name, status: 'reading' }) };
      if (event.type === 'source-done')
        return { ...d, sources: upsertSource(d.sources, fromStatus(event.source)) };
      return { ...d, messages: [...d.messages, event.text] };
    }
    case 'diagnosis/done':
      if (action.requestId !== d.requestId) return d;
      return {
        ...d,
        status: 'done',
        report: action.report,
        sources: action.report.sources.map(fromStatus),
        scroll: 0,
      };
    case 'diagnosis/failed':
      if (action.requestId !== d.requestId) return d;
      // Sources still shown as reading were cut short by the failure.
      return {
        ...d,
        status: 'failed',
        error: action.error,
        sources: d.sources.filter((s) => s.status !== 'reading'),
      };
    case 'diagnosis/scroll':
      return { ...d, scroll: clamp(d.scroll + action.delta, 0, Math.max(0, action.max)) };
    case 'diagnosis/scroll-to':
      return { ...d, scroll: action.position === 'top' ? 0 : Math.max(0, action.max) };
    default:
      return d;
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(n, lo), hi);
}

function moveCursor(state: TriageState, to: (index: number, count: number) => number): TriageState {
  const visible = visibleItems(state);
  if (visible.length === 0) return state;
  const next = clamp(to(cursorIndex(state, visible), visible.length), 0, visible.length - 1);
  return { ...state, cursorKey: visible[next]!.key };
}

export function reducer(state: TriageState, action: Action): TriageState {
  switch (action.type) {
    case 'list/start':
    case 'list/event':
    case 'list/done':
    case 'list/failed': {
      const list = listReducer(state.list, action);
      return list === state.list
        ? state
        : { ...state, list, ...(action.type === 'list/start' ? { cursorKey: undefined } : {}) };
    }
    case 'cursor/move':
      return moveCursor(state, (i) => i + action.delta);
    case 'cursor/to':
      return moveCursor(state, (_i, count) => (action.position === 'first' ? 0 : count - 1));
    case 'kind/cycle': {
      const next = KIND_CYCLE[(KIND_CYCLE.indexOf(state.kind) + 1) % KIND_CYCLE.length] ?? 'all';
      return { ...state, kind: next };
    }
    case 'search/open':
      return { ...state, searching: true };
    case 'search/type':
      return { ...state, query: state.query + action.text };
    case 'search/backspace':
      return { ...state, query: state.query.slice(0, -1) };
    case 'search/close':
      return { ...state, searching: false };
    case 'search/clear':
      return { ...state, searching: false, query: '' };
    case 'diagnosis/start':
      return {
        ...state,
        view: 'diagnosis',
        help: false,
        diagnosis: diagnosisReducer(state.diagnosis, action),
      };
    case 'diagnosis/progress':
    case 'diagnosis/done':
    case 'diagnosis/failed':
    case 'diagnosis/scroll':
    case 'diagnosis/scroll-to': {
      const diagnosis = diagnosisReducer(state.diagnosis, action);
      return diagnosis === state.diagnosis ? state : { ...state, ...(diagnosis ? { diagnosis } : {}) };
    }
    case 'view/diagnosis':
      return state.diagnosis ? { ...state, view: 'diagnosis', help: false } : state;
    case 'view/back':
      if (state.help) return { ...state, help: false };
      return { ...state, view: 'list' };
    case 'help/toggle':
      return { ...state, help: !state.help };
  }
}
