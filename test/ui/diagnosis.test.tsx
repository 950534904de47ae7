import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { UserError } from '../../src/errors.js';
import {
  ITEMS,
  KEYS,
  fakeAccount,
  press,
  renderApp,
  report,
  staticAccount,
  waitForFrame,
  widest,
} from './helpers.js';

afterEach(() => cleanup());

async function listed() {
  const account = fakeAccount();
  const app = renderApp(account.deps);
  account.list.finish();
  await waitForFrame(app, 'customers-dim');
  return { account, app };
}

describe('the diagnosis view at 80 columns', () => {
  it('Enter diagnoses the selected item: sources as they are read, then the verdict', async () => {
    const { account, app } = await listed();
    await press(app, 'j', KEYS.enter);
    let frame = await waitForFrame(app, 'Reading sources');
    expect(account.diagnosis.calls.map((i) => i.name)).toEqual(['raw-events-crawler']);
    expect(frame).toContain('‹ crawler raw-events-crawler  FAILED');

    account.diagnosis.emit({ type: 'source-start', name: 'glue:GetCrawler' });
    frame = await waitForFrame(app, 'glue:GetCrawler  reading');
    expect(frame).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] glue:GetCrawler/);
    account.diagnosis.emit({
      type: 'source-done',
      source: { name: 'glue:GetCrawler', status: 'ok', items: 1 },
    });
    account.diagnosis.emit({ type: 'source-start', name: 'logs:/aws-glue/crawlers' });
    account.diagnosis.emit({
      type: 'source-done',
      source: {
        name: 'logs:/aws-glue/crawlers',
        status: 'denied',
        detail: 'AccessDeniedException: not authorized',
      },
    });
    account.diagnosis.emit({ type: 'source-start', name: 'glue:GetTables' });
    account.diagnosis.emit({
      type: 'source-done',
      source: { name: 'glue:GetTables', status: 'throttled', detail: 'ThrottlingException' },
    });
    account.diagnosis.emit({ type: 'source-start', name: 's3:crawl-log' });
    account.diagnosis.emit({
      type: 'source-done',
      source: { name: 's3:crawl-log', status: 'missing', detail: 'NoSuchKey' },
    });
    frame = await waitForFrame(app, 's3:crawl-log  missing');
    expect(frame).toContain('✓ glue:GetCrawler');
    expect(frame).toContain('! logs:/aws-glue/crawlers  denied  AccessDeniedException: not authorized');
    expect(frame).toContain('! glue:GetTables  throttled  ThrottlingException');
    expect(frame).toContain('4 sources read');

    account.diagnosis.finish();
    frame = await waitForFrame(app, 'Executor ran out of heap memory');
    expect(frame).toContain('✖ PROBLEM  executor-oom  3 sources, 1 not read (missing)');
    expect(frame).toContain('✖ PROBLEM  Executor ran out of heap memory');
    expect(frame).toContain('executor-oom · critical · confidence 0.91');
    expect(frame).toContain('Evidence');
    expect(frame).toContain('/aws-glue/jobs/error/jr_ordersetl0001-1:400  2026-11-20T05:14:16.000Z');
    expect(frame).toContain('Lost task 0.0 in stage 2.0');
    expect(widest(frame)).toBeLessThanOrEqual(80);
    expect(frame.split('\n').length).toBeLessThanOrEqual(23);
  });

  it('scrolls the evidence and fixes with j/k, the arrows and PgUp/PgDn', async () => {
    const { account, app } = await listed();
    await press(app, KEYS.enter);
    account.diagnosis.finish();
    let frame = await waitForFrame(app, 'Executor ran out of heap memory');
    const total = Number(/1-20\/(\d+)/.exec(frame)?.[1]);
    expect(total).toBeGreaterThan(30);
    expect(frame).not.toContain('Fixes, cheapest first');

    await press(app, 'j', 'j', KEYS.down);
    frame = await waitForFrame(app, `4-23/${total}`);
    expect(frame).not.toContain('executor-oom · critical');
    await press(app, 'k');
    await waitForFrame(app, `3-22/${total}`);
    await press(app, KEYS.pageDown);
    await waitForFrame(app, `22-41/${total}`);
    await press(app, KEYS.pageDown, KEYS.pageDown, KEYS.pageDown);
    frame = await waitForFrame(app, `${total - 19}-${total}/${total}`);
    expect(frame).toContain('Fixes, cheapest first');
    expect(frame).toContain('$ aws glue start-job-run --job-name orders-etl');
    expect(frame).toContain('Playbook: etl-doctor playbooks executor-oom');
    // The console link, cut (not word-wrapped) at the width.
    expect(frame).toContain(
      '  https://us-east-1.console.aws.amazon.com/gluestudio/home?region=us-east-1#/job\n  /orders-etl/run/jr_ordersetl0001',
    );
    await press(app, KEYS.pageUp);
    await waitForFrame(app, `${total - 38}-${total - 19}/${total}`);
    await press(app, 'g');
    await waitForFrame(app, `1-20/${total}`);
  });

  it('Esc goes back to the list with the same item selected; Enter shows the same diagnosis again', async () => {
    const { account, app } = await listed();
    await press(app, 'j', 'j', KEYS.enter);
    account.diagnosis.finish();
    await waitForFrame(app, 'Executor ran out of heap memory');
    await press(app, KEYS.escape);
    const frame = await waitForFrame(app, 'KIND      NAME');
    expect(frame.split('\n').find((l) => l.startsWith('›'))).toContain('nightly-cluster');
    await press(app, KEYS.enter);
    await waitForFrame(app, 'Executor ran out of heap memory');
    expect(account.diagnosis.calls).toHaveLength(1);
  });

  it('r diagnoses again', async () => {
    const { account, app } = await listed();
    await press(app, KEYS.enter);
    account.diagnosis.finish();
    await waitForFrame(app, 'Executor ran out of heap memory');
    await press(app, 'r');
    await waitForFrame(app, 'Reading sources');
    expect(account.diagnosis.calls.map((i) => i.key)).toEqual([ITEMS[0]!.key, ITEMS[0]!.key]);
    account.diagnosis.finish(report({ outcome: 'no-problem', findings: [] }));
    const frame = await waitForFrame(app, 'NO PROBLEM FOUND');
    expect(frame).toContain('Nothing in the catalogue matched what was read.');
  });

  it('shows a diagnosis that could not run, and goes back', async () => {
    const { account, app } = await listed();
    await press(app, KEYS.enter);
    account.diagnosis.emit({ type: 'source-start', name: 'glue:GetJobRun' });
    account.diagnosis.fail(
      new UserError('Glue job run jr_ordersetl0001 of job orders-etl not found in region us-east-1'),
    );
    const frame = await waitForFrame(app, 'Could not diagnose');
    expect(frame).toContain(
      '✖ Could not diagnose: Glue job run jr_ordersetl0001 of job orders-etl not found',
    );
    expect(frame).toContain('in region us-east-1');
    expect(frame).toContain('r tries again');
    await press(app, KEYS.escape);
    await waitForFrame(app, 'KIND      NAME');
  });

  it('reports an unexpected error as internal, on one line', async () => {
    const { account, app } = await listed();
    await press(app, KEYS.enter);
    account.diagnosis.fail(new TypeError('cannot read properties of undefined\n    at somewhere'));
    const frame = await waitForFrame(app, 'Could not diagnose');
    expect(frame).toContain('internal error: cannot read properties of undefined');
    expect(frame).not.toContain('at somewhere');
  });

  it('shows a report that could not diagnose (every source failed)', async () => {
    const failed = report({
      outcome: 'error-diagnosing',
      findings: [],
      error: 'every source failed',
      sources: [{ name: 'glue:GetJobRun', status: 'denied', detail: 'AccessDeniedException' }],
    });
    const app = renderApp(staticAccount({}, failed));
    await waitForFrame(app, 'customers-dim');
    await press(app, KEYS.enter);
    const frame = await waitForFrame(app, 'COULD NOT DIAGNOSE');
    expect(frame).toContain('every source failed');
    expect(frame).toContain('! glue:GetJobRun  denied  AccessDeniedException');
  });

  it('strips control sequences from evidence text', async () => {
    const base = report();
    const evil = report({
      findings: [
        {
          ...base.findings[0]!,
          evidence: [
            { source: 'file', location: 'x.log', line: 1, text: 'boom\u001b[2J\u001b]0;title\u0007 done' },
          ],
        },
      ],
    });
    const app = renderApp(staticAccount({}, evil));
    await waitForFrame(app, 'customers-dim');
    await press(app, KEYS.enter);
    const frame = await waitForFrame(app, 'boom');
    expect(frame).toContain('boom done');
    expect(frame).not.toMatch(/[\u001b\u0007]/);
  });

  it('p asks to print the finished diagnosis and quit; q quits', async () => {
    const app = renderApp(staticAccount());
    await waitForFrame(app, 'customers-dim');
    await press(app, KEYS.enter);
    await waitForFrame(app, 'Executor ran out of heap memory');
    await press(app, 'p');
    expect(app.exits).toHaveLength(1);
    expect(app.exits[0]).toMatchObject({
      type: 'print',
      item: { name: 'orders-etl' },
      report: { outcome: 'problem' },
    });
  });

  it('shows help over the diagnosis', async () => {
    const app = renderApp(staticAccount());
    await waitForFrame(app, 'customers-dim');
    await press(app, KEYS.enter);
    await waitForFrame(app, 'Executor ran out of heap memory');
    await press(app, '?');
    await waitForFrame(app, 'print this diagnosis in full');
    await press(app, KEYS.escape);
    await waitForFrame(
      app,
      (f) => f.includes('Executor ran out of heap memory') && !f.includes('print this diagnosis'),
    );
    await press(app, 'q');
    expect(app.exits).toEqual([{ type: 'quit' }]);
  });
});
