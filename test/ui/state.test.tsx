import { describe, expect, it } from 'vitest';
import type { ProblemItem } from '../../src/fetchers/account-list.js';
import { keyToIntent, splitKeys, type KeyContext } from '../../src/ui/keys.js';
import {
  cursorIndex,
  initialState,
  reducer,
  selectedItem,
  visibleItems,
  type Action,
  type TriageState,
} from '../../src/ui/state.js';
import { ITEMS, SOURCES_OK, item, report } from './helpers.js';

function run(actions: Action[], state: TriageState = initialState()): TriageState {
  return actions.reduce(reducer, state);
}

function loaded(items: ProblemItem[] = ITEMS): TriageState {
  return run([
    { type: 'list/start', requestId: 1 },
    { type: 'list/done', requestId: 1, result: { region: 'us-east-1', items, sources: SOURCES_OK } },
  ]);
}

const names = (state: TriageState) => visibleItems(state).map((i) => i.name);

describe('listing', () => {
  it('starts loading with nothing listed and every kind shown', () => {
    const state = initialState();
    expect(state.list.status).toBe('loading');
    expect(state.kind).toBe('all');
    expect(visibleItems(state)).toEqual([]);
    expect(initialState({ initialKind: 'crawler' }).kind).toBe('crawler');
  });

  it('fills the list as sources answer, newest first, without duplicates', () => {
    const [orders, crawler, step] = ITEMS;
    const state = run([
      { type: 'list/start', requestId: 1 },
      { type: 'list/event', requestId: 1, event: { type: 'region', region: 'eu-west-1' } },
      { type: 'list/event', requestId: 1, event: { type: 'source-start', name: 'Glue job runs' } },
      { type: 'list/event', requestId: 1, event: { type: 'source-start', name: 'EMR steps' } },
      { type: 'list/event', requestId: 1, event: { type: 'items', source: 'EMR steps', items: [step!] } },
      {
        type: 'list/event',
        requestId: 1,
        event: { type: 'items', source: 'Glue job runs', items: [orders!, step!] },
      },
      {
        type: 'list/event',
        requestId: 1,
        event: { type: 'items', source: 'Glue crawlers', items: [crawler!] },
      },
      {
        type: 'list/event',
        requestId: 1,
        event: {
          type: 'source-done',
          source: { name: 'EMR steps', status: 'denied', detail: 'AccessDeniedException' },
        },
      },
    ]);
    expect(state.list.region).toBe('eu-west-1');
    expect(names(state)).toEqual(['orders-etl', 'raw-events-crawler', 'nightly-cluster / spark-aggregate']);
    expect(state.list.sources).toEqual([
      { name: 'Glue job runs', status: 'reading' },
      { name: 'EMR steps', status: 'denied', detail: 'AccessDeniedException' },
    ]);
    expect(state.list.status).toBe('loading');
  });

  it('takes the final result as the truth when done', () => {
    const state = loaded();
    expect(state.list.status).toBe('done');
    expect(names(state)).toEqual(ITEMS.map((i) => i.name));
    expect(state.list.sources.map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('ignores what an older listing reports after a reload', () => {
    const state = run(
      [
        { type: 'list/start', requestId: 2 },
        { type: 'list/event', requestId: 1, event: { type: 'items', source: 'Glue job runs', items: ITEMS } },
        { type: 'list/done', requestId: 1, result: { region: 'us-east-1', items: ITEMS, sources: [] } },
        { type: 'list/failed', requestId: 1, error: 'late' },
      ],
      loaded(),
    );
    expect(state.list).toMatchObject({ requestId: 2, status: 'loading', items: [], region: 'us-east-1' });
  });

  it('records a listing that could not run', () => {
    const state = run([
      { type: 'list/start', requestId: 1 },
      { type: 'list/failed', requestId: 1, error: 'no AWS credentials found' },
    ]);
    expect(state.list).toMatchObject({ status: 'failed', error: 'no AWS credentials found' });
  });
});

describe('cursor, kind filter and search', () => {
  it('moves within bounds', () => {
    let state = loaded();
    expect(selectedItem(state)?.name).toBe('orders-etl');
    state = run([{ type: 'cursor/move', delta: -1 }], state);
    expect(cursorIndex(state)).toBe(0);
    state = run([{ type: 'cursor/move', delta: 2 }], state);
    expect(selectedItem(state)?.name).toBe('nightly-cluster / spark-aggregate');
    state = run([{ type: 'cursor/move', delta: 99 }], state);
    expect(selectedItem(state)?.name).toBe('customers-dim');
    state = run([{ type: 'cursor/to', position: 'first' }], state);
    expect(cursorIndex(state)).toBe(0);
    state = run([{ type: 'cursor/to', position: 'last' }], state);
    expect(cursorIndex(state)).toBe(ITEMS.length - 1);
  });

  it('keeps the chosen item selected when newer items arrive, and the newest when nothing was chosen', () => {
    const newer = item({ name: 'late-arrival', startedOn: '2026-11-20T05:59:00.000Z' });
    const untouched = run(
      [
        {
          type: 'list/event',
          requestId: 1,
          event: { type: 'items', source: 'Glue job runs', items: [newer] },
        },
      ],
      {
        ...loaded(),
        list: { ...loaded().list, status: 'loading' },
      },
    );
    expect(selectedItem(untouched)?.name).toBe('late-arrival');
    const moved = run(
      [
        { type: 'cursor/move', delta: 1 },
        {
          type: 'list/event',
          requestId: 1,
          event: { type: 'items', source: 'Glue job runs', items: [newer] },
        },
      ],
      { ...loaded(), list: { ...loaded().list, status: 'loading' } },
    );
    expect(selectedItem(moved)?.name).toBe('raw-events-crawler');
    expect(cursorIndex(moved)).toBe(2);
  });

  it('cycles the kind filter through every kind and back', () => {
    let state = loaded();
    const seen: string[][] = [];
    for (let i = 0; i < 4; i++) {
      state = reducer(state, { type: 'kind/cycle' });
      seen.push([state.kind, ...names(state)]);
    }
    expect(seen).toEqual([
      ['glue-job', 'orders-etl', 'billing-export', 'customers-dim'],
      ['crawler', 'raw-events-crawler'],
      ['emr-step', 'nightly-cluster / spark-aggregate'],
      ['all', ...ITEMS.map((i) => i.name)],
    ]);
  });

  it('searches names, states, ids and messages, case-insensitively', () => {
    const typed = (query: string) =>
      run(
        [{ type: 'search/open' }, ...[...query].map((c): Action => ({ type: 'search/type', text: c }))],
        loaded(),
      );
    expect(names(typed('ORDERS'))).toEqual(['orders-etl']);
    expect(names(typed('timeout'))).toEqual(['billing-export']);
    expect(names(typed('pyarrow'))).toEqual(['customers-dim']);
    expect(names(typed('s-1k2m'))).toEqual(['nightly-cluster / spark-aggregate']);
    expect(names(typed('nothing-like-this'))).toEqual([]);
    expect(typed('ord').searching).toBe(true);
    const kept = run([{ type: 'search/backspace' }, { type: 'search/close' }], typed('ordx'));
    expect(kept).toMatchObject({ searching: false, query: 'ord' });
    expect(run([{ type: 'search/clear' }], kept)).toMatchObject({ searching: false, query: '' });
  });

  it('selects the first match when the selected item is filtered out', () => {
    const state = run([{ type: 'cursor/move', delta: 1 }, { type: 'kind/cycle' }], loaded());
    expect(selectedItem(state)?.name).toBe('orders-etl');
  });
});

describe('diagnosis', () => {
  const orders = ITEMS[0]!;
  const started = () => run([{ type: 'diagnosis/start', requestId: 5, item: orders }], loaded());

  it('opens the diagnosis view and shows sources as they are read', () => {
    const state = run(
      [
        { type: 'diagnosis/progress', requestId: 5, event: { type: 'source-start', name: 'glue:GetJobRun' } },
        {
          type: 'diagnosis/progress',
          requestId: 5,
          event: { type: 'source-done', source: { name: 'glue:GetJobRun', status: 'ok' } },
        },
        {
          type: 'diagnosis/progress',
          requestId: 5,
          event: { type: 'source-start', name: 'logs:/aws-glue/jobs/error' },
        },
        { type: 'diagnosis/progress', requestId: 5, event: { type: 'message', text: 'reading 5 streams' } },
      ],
      started(),
    );
    expect(state.view).toBe('diagnosis');
    expect(state.diagnosis).toMatchObject({
      status: 'running',
      sources: [
        { name: 'glue:GetJobRun', status: 'ok' },
        { name: 'logs:/aws-glue/jobs/error', status: 'reading' },
      ],
      messages: ['reading 5 streams'],
    });
  });

  it('keeps the report when done, and the sources it names', () => {
    const state = run([{ type: 'diagnosis/done', requestId: 5, report: report() }], started());
    expect(state.diagnosis?.status).toBe('done');
    expect(state.diagnosis?.report?.findings[0]?.symptom).toBe('executor-oom');
    expect(state.diagnosis?.sources.map((s) => s.status)).toEqual(['ok', 'ok', 'missing']);
  });

  it('records a diagnosis that could not run, dropping sources cut short', () => {
    const state = run(
      [
        { type: 'diagnosis/progress', requestId: 5, event: { type: 'source-start', name: 'glue:GetJobRun' } },
        { type: 'diagnosis/failed', requestId: 5, error: 'Glue job run jr_x not found' },
      ],
      started(),
    );
    expect(state.diagnosis).toMatchObject({
      status: 'failed',
      error: 'Glue job run jr_x not found',
      sources: [],
    });
  });

  it('ignores a superseded diagnosis', () => {
    const state = run(
      [
        { type: 'diagnosis/start', requestId: 6, item: orders },
        { type: 'diagnosis/done', requestId: 5, report: report() },
      ],
      started(),
    );
    expect(state.diagnosis).toMatchObject({ requestId: 6, status: 'running' });
  });

  it('scrolls within the body', () => {
    let state = run([{ type: 'diagnosis/done', requestId: 5, report: report() }], started());
    state = reducer(state, { type: 'diagnosis/scroll', delta: -3, max: 10 });
    expect(state.diagnosis?.scroll).toBe(0);
    state = reducer(state, { type: 'diagnosis/scroll', delta: 25, max: 10 });
    expect(state.diagnosis?.scroll).toBe(10);
    state = reducer(state, { type: 'diagnosis/scroll-to', position: 'top', max: 10 });
    expect(state.diagnosis?.scroll).toBe(0);
    state = reducer(state, { type: 'diagnosis/scroll-to', position: 'bottom', max: 7 });
    expect(state.diagnosis?.scroll).toBe(7);
  });

  it('goes back: first out of help, then to the list; and back in to the same diagnosis', () => {
    let state = run([{ type: 'help/toggle' }], started());
    state = reducer(state, { type: 'view/back' });
    expect(state).toMatchObject({ view: 'diagnosis', help: false });
    state = reducer(state, { type: 'view/back' });
    expect(state.view).toBe('list');
    state = reducer(state, { type: 'view/diagnosis' });
    expect(state.view).toBe('diagnosis');
    expect(reducer(loaded(), { type: 'view/diagnosis' }).view).toBe('list');
  });
});

describe('keys', () => {
  const ctx: KeyContext = { listPage: 10, bodyPage: 20, bodyMax: 40 };
  const list = loaded();
  const diagnosing = run([{ type: 'diagnosis/start', requestId: 1, item: ITEMS[0]! }], list);
  const done = run([{ type: 'diagnosis/done', requestId: 1, report: report() }], diagnosing);
  const searching = run([{ type: 'search/open' }], list);

  it.each([
    ['j', {}, { type: 'cursor/move', delta: 1 }],
    ['k', {}, { type: 'cursor/move', delta: -1 }],
    ['', { downArrow: true }, { type: 'cursor/move', delta: 1 }],
    ['', { upArrow: true }, { type: 'cursor/move', delta: -1 }],
    ['', { pageDown: true }, { type: 'cursor/move', delta: 9 }],
    ['', { pageUp: true }, { type: 'cursor/move', delta: -9 }],
    ['g', {}, { type: 'cursor/to', position: 'first' }],
    ['G', {}, { type: 'cursor/to', position: 'last' }],
    ['', { return: true }, { type: 'diagnose' }],
    ['/', {}, { type: 'search/open' }],
    ['f', {}, { type: 'kind/cycle' }],
    ['', { tab: true }, { type: 'kind/cycle' }],
    ['r', {}, { type: 'reload' }],
    ['?', {}, { type: 'help/toggle' }],
    ['q', {}, { type: 'quit' }],
  ])('list: %j %j', (input, key, intent) => {
    expect(keyToIntent(list, input, key, ctx)).toEqual(intent);
  });

  it.each([
    ['j', {}, { type: 'diagnosis/scroll', delta: 1, max: 40 }],
    ['k', {}, { type: 'diagnosis/scroll', delta: -1, max: 40 }],
    ['', { pageDown: true }, { type: 'diagnosis/scroll', delta: 19, max: 40 }],
    ['', { pageUp: true }, { type: 'diagnosis/scroll', delta: -19, max: 40 }],
    ['G', {}, { type: 'diagnosis/scroll-to', position: 'bottom', max: 40 }],
    ['', { escape: true }, { type: 'view/back' }],
    ['', { leftArrow: true }, { type: 'view/back' }],
    ['r', {}, { type: 'rediagnose' }],
    ['p', {}, { type: 'print' }],
    ['q', {}, { type: 'quit' }],
  ])('diagnosis: %j %j', (input, key, intent) => {
    expect(keyToIntent(done, input, key, ctx)).toEqual(intent);
  });

  it('prints only a finished diagnosis', () => {
    expect(keyToIntent(diagnosing, 'p', {}, ctx)).toBeUndefined();
  });

  it('sends letters to the search line while it is open, q and j included', () => {
    expect(keyToIntent(searching, 'q', {}, ctx)).toEqual({ type: 'search/type', text: 'q' });
    expect(keyToIntent(searching, 'j', {}, ctx)).toEqual({ type: 'search/type', text: 'j' });
    expect(keyToIntent(searching, '', { backspace: true }, ctx)).toEqual({ type: 'search/backspace' });
    expect(keyToIntent(searching, '', { return: true }, ctx)).toEqual({ type: 'search/close' });
    expect(keyToIntent(searching, '', { escape: true }, ctx)).toEqual({ type: 'search/clear' });
    expect(keyToIntent(searching, '', { downArrow: true }, ctx)).toEqual({ type: 'cursor/move', delta: 1 });
    expect(keyToIntent(searching, '\u0001', { ctrl: true }, ctx)).toBeUndefined();
  });

  it('Esc in the list clears a kept search, and does nothing without one', () => {
    const kept = run([{ type: 'search/type', text: 'ord' }, { type: 'search/close' }], searching);
    expect(keyToIntent(kept, '', { escape: true }, ctx)).toEqual({ type: 'search/clear' });
    expect(keyToIntent(list, '', { escape: true }, ctx)).toBeUndefined();
  });

  it('with help open, only ?, Esc and q mean something', () => {
    const help = reducer(list, { type: 'help/toggle' });
    expect(keyToIntent(help, 'j', {}, ctx)).toBeUndefined();
    expect(keyToIntent(help, '', { escape: true }, ctx)).toEqual({ type: 'help/toggle' });
    expect(keyToIntent(help, '?', {}, ctx)).toEqual({ type: 'help/toggle' });
    expect(keyToIntent(help, 'q', {}, ctx)).toEqual({ type: 'quit' });
  });

  it('splits a chunk of keys into presses', () => {
    expect(splitKeys('j', {})).toEqual([['j', {}]]);
    expect(splitKeys('jk\r', {})).toEqual([
      ['j', {}],
      ['k', {}],
      ['', { return: true }],
    ]);
    expect(splitKeys('a\t\u007f', {})).toEqual([
      ['a', {}],
      ['', { tab: true }],
      ['', { backspace: true }],
    ]);
    // Escape sequences are Ink's to parse.
    expect(splitKeys('\u001b[A', { upArrow: true })).toEqual([['\u001b[A', { upArrow: true }]]);
  });
});
