import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { UserError } from '../../src/errors.js';
import {
  ITEMS,
  KEYS,
  fakeAccount,
  item,
  press,
  renderApp,
  resize,
  staticAccount,
  waitForFrame,
  widest,
} from './helpers.js';

afterEach(() => cleanup());

/** The line of the list the cursor is on. */
function selectedLine(frame: string): string {
  return frame.split('\n').find((l) => l.startsWith('›')) ?? '';
}

describe('the list at 80 columns', () => {
  it('shows a spinner, then items as sources answer, then every source done', async () => {
    const account = fakeAccount();
    const app = renderApp(account.deps);
    let frame = await waitForFrame(app, 'looking for failed runs');
    expect(frame).toContain('etl-doctor triage');
    expect(frame).toContain('24h → 11-20 06:00 UTC');

    account.list.emit({ type: 'region', region: 'us-east-1' });
    account.list.emit({ type: 'source-start', name: 'Glue job runs' });
    account.list.emit({ type: 'source-start', name: 'EMR steps' });
    account.list.emit({ type: 'items', source: 'Glue job runs', items: [ITEMS[0]!] });
    frame = await waitForFrame(app, 'orders-etl');
    expect(frame).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Glue job runs/);
    expect(frame).not.toContain('billing-export');

    account.list.emit({
      type: 'source-done',
      source: { name: 'EMR steps', status: 'throttled', detail: 'ThrottlingException: Rate exceeded' },
    });
    frame = await waitForFrame(app, 'EMR steps throttled');
    expect(frame).toContain('! EMR steps throttled: ThrottlingException: Rate exceeded');

    account.list.finish();
    frame = await waitForFrame(app, 'customers-dim');
    expect(frame).toContain('✓ Glue job runs 3');
    expect(frame).toContain('5 items');
    expect(widest(frame)).toBeLessThanOrEqual(80);
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
  });

  it('draws one row per item with kind, name, state, start and duration, newest first', async () => {
    const app = renderApp(staticAccount());
    const frame = await waitForFrame(app, 'customers-dim');
    const rows = frame.split('\n').filter((l) => /^[› ] (glue-job|crawler|emr-step)/.test(l));
    expect(rows.map((r) => r.slice(2, 12).trim())).toEqual([
      'glue-job',
      'crawler',
      'emr-step',
      'glue-job',
      'glue-job',
    ]);
    expect(rows[0]).toMatch(/^› glue-job\s+orders-etl\s+FAILED\s+11-20 05:10\s+9m 01s/);
    expect(rows[3]).toMatch(/billing-export\s+TIMEOUT\s+11-20 02:00\s+2d 00h/);
    expect(frame).toContain('KIND      NAME');
    // The selected item's id and message, under the list.
    expect(frame).toContain('jr_ordersetl0001  java.lang.OutOfMemoryError: Java heap space');
  });

  it('moves with j/k and the arrows', async () => {
    const app = renderApp(staticAccount());
    await waitForFrame(app, 'customers-dim');
    await press(app, 'j');
    expect(
      selectedLine(await waitForFrame(app, (f) => selectedLine(f).includes('raw-events-crawler'))),
    ).toContain('crawler');
    await press(app, KEYS.down, KEYS.down);
    await waitForFrame(app, (f) => selectedLine(f).includes('billing-export'));
    await press(app, 'k');
    await waitForFrame(app, (f) => selectedLine(f).includes('nightly-cluster'));
    await press(app, KEYS.up, KEYS.up, KEYS.up);
    await waitForFrame(app, (f) => selectedLine(f).includes('orders-etl'));
    await press(app, 'G');
    await waitForFrame(app, (f) => selectedLine(f).includes('customers-dim'));
  });

  it('handles several keys arriving in one chunk (typed fast, sent by a script)', async () => {
    const app = renderApp(staticAccount());
    await waitForFrame(app, 'customers-dim');
    app.stdin.write('jjj');
    await waitForFrame(app, (f) => selectedLine(f).includes('billing-export'));
    app.stdin.write('k\r');
    await waitForFrame(app, '‹ emr-step nightly-cluster / spark-aggregate');
  });

  it('cycles the kind filter with f', async () => {
    const app = renderApp(staticAccount());
    await waitForFrame(app, 'customers-dim');
    await press(app, 'f');
    let frame = await waitForFrame(app, 'kind: glue-job');
    expect(frame).toContain('3/5 items');
    expect(frame).not.toContain('raw-events-crawler');
    await press(app, 'f');
    frame = await waitForFrame(app, 'kind: crawler');
    expect(frame).toContain('raw-events-crawler');
    expect(frame).not.toContain('orders-etl');
    await press(app, 'f', 'f');
    await waitForFrame(app, (f) => f.includes('kind: all') && f.includes('orders-etl'));
  });

  it('starts with the kind given by --kind', async () => {
    const app = renderApp(staticAccount(), { initialKind: 'emr-step' });
    const frame = await waitForFrame(app, 'nightly-cluster');
    expect(frame).toContain('kind: emr-step');
    expect(frame).not.toContain('orders-etl');
  });

  it('searches with /, keeps the search on Enter and clears it on Esc', async () => {
    const app = renderApp(staticAccount());
    await waitForFrame(app, 'customers-dim');
    await press(app, '/', 'p', 'y', 'x');
    let frame = await waitForFrame(app, 'Nothing matches "pyx"');
    await press(app, KEYS.backspace, 'a');
    frame = await waitForFrame(app, (f) => f.includes('customers-dim') && !f.includes('orders-etl'));
    expect(frame).toContain('/ pya');
    await press(app, KEYS.enter);
    frame = await waitForFrame(app, 'search: pya');
    // With the search line closed, letters are keys again: j does not type.
    await press(app, 'j');
    expect(app.lastFrame()).toContain('search: pya');
    await press(app, KEYS.escape);
    frame = await waitForFrame(app, (f) => f.includes('orders-etl') && !f.includes('search:'));
    expect(frame).toContain('5 items');
  });

  it('reloads with r', async () => {
    const account = fakeAccount();
    const app = renderApp(account.deps);
    account.list.finish();
    await waitForFrame(app, 'customers-dim');
    await press(app, 'r');
    await waitForFrame(app, 'looking for failed runs');
    expect(account.list.calls).toBe(2);
    account.list.finish({ items: [ITEMS[1]!] });
    const frame = await waitForFrame(app, 'raw-events-crawler');
    expect(frame).not.toContain('orders-etl');
  });

  it('shows the help overlay with ? and closes it with Esc', async () => {
    const app = renderApp(staticAccount());
    await waitForFrame(app, 'customers-dim');
    await press(app, '?');
    const frame = await waitForFrame(app, 'Keys');
    expect(frame).toContain('cycle the kind filter');
    expect(widest(frame)).toBeLessThanOrEqual(80);
    await press(app, KEYS.escape);
    await waitForFrame(app, (f) => f.includes('customers-dim') && !f.includes('cycle the kind filter'));
  });

  it('quits with q', async () => {
    const app = renderApp(staticAccount());
    await waitForFrame(app, 'customers-dim');
    await press(app, 'q');
    expect(app.exits).toEqual([{ type: 'quit' }]);
  });
});

describe('empty accounts, failures and odd text', () => {
  it('says so when the account has no problems in the window', async () => {
    const app = renderApp(staticAccount({ items: [] }));
    const frame = await waitForFrame(app, 'No failed Glue job runs, crawls or EMR steps');
    expect(frame).toContain('--since');
    expect(frame).toContain('0 items');
    await press(app, KEYS.enter, 'j');
    expect(app.lastFrame()).toContain('No failed Glue job runs');
  });

  it('shows a listing that failed outright (no credentials) without crashing', async () => {
    const account = fakeAccount();
    const app = renderApp(account.deps);
    account.list.fail(new UserError('no AWS credentials found: set AWS_PROFILE or pass --profile'));
    const frame = await waitForFrame(app, 'could not list');
    expect(frame).toContain('no AWS credentials found');
    expect(frame).not.toContain('internal error');
  });

  it('shows each denied or throttled listing source beside the items of the others', async () => {
    const app = renderApp(
      staticAccount({
        items: [ITEMS[0]!],
        sources: [
          { name: 'Glue job runs', status: 'ok', items: 1 },
          {
            name: 'Glue crawlers',
            status: 'denied',
            detail: 'AccessDeniedException: not authorized to perform glue:GetCrawlers',
          },
          { name: 'EMR steps', status: 'throttled', detail: 'ThrottlingException: Rate exceeded' },
        ],
      }),
    );
    const frame = await waitForFrame(app, 'orders-etl');
    expect(frame).toContain('✓ Glue job runs 1   ! Glue crawlers denied   ! EMR steps throttled');
    expect(frame).toContain('! Glue crawlers denied: AccessDeniedException');
    expect(frame).toContain('! EMR steps throttled: ThrottlingException');
  });

  it('strips terminal control sequences from names and messages', async () => {
    const evil = item({
      name: 'evil\u001b[2J\u001b]0;pwned\u0007-job',
      message: 'boom \u001b[31mred\u001b[0m \u009b1A',
    });
    const app = renderApp(staticAccount({ items: [evil] }));
    const frame = await waitForFrame(app, 'evil');
    expect(frame).toContain('evil-job');
    expect(frame).toContain('boom red');
    expect(frame).not.toMatch(/[\u001b\u009b\u0007]/);
  });

  it('truncates long names instead of wrapping', async () => {
    const long = item({ name: `a-very-long-job-name-${'x'.repeat(80)}`, message: 'm'.repeat(300) });
    const app = renderApp(staticAccount({ items: [long, ...ITEMS] }));
    const frame = await waitForFrame(app, 'orders-etl');
    expect(widest(frame)).toBeLessThanOrEqual(80);
    expect(frame.split('\n').filter((l) => l.includes('a-very-long-job-name'))).toHaveLength(1);
    expect(frame).toContain('…');
  });

  it('follows the terminal size, with a message column on wide screens and a long list scrolled', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      item({
        name: `job-${String(i).padStart(2, '0')}`,
        startedOn: new Date(Date.parse('2026-11-20T05:00:00Z') - i * 60_000).toISOString(),
        message: `error ${i}`,
      }),
    );
    const app = renderApp(staticAccount({ items: many }));
    let frame = await waitForFrame(app, 'job-00');
    expect(frame).not.toContain('MESSAGE');
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
    expect(frame).not.toContain('job-30');
    await press(app, 'G');
    frame = await waitForFrame(app, (f) => selectedLine(f).includes('job-59'));
    expect(frame).not.toContain('job-00');
    resize(app, { columns: 140, rows: 40 });
    frame = await waitForFrame(app, 'MESSAGE');
    expect(frame).toContain('error 59');
    expect(widest(frame)).toBeLessThanOrEqual(140);
    expect(frame.split('\n').length).toBeLessThanOrEqual(39);
  });
});
