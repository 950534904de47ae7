import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CLI, ROOT, cleanEnv, runCli } from '../helpers/cli.js';

/**
 * The built CLI in a real pseudo-terminal: tmux runs `triage --replay fixtures/demo` at 100x30, keys go
 * in with send-keys and the screen comes back with capture-pane.
 */

const HAS_TMUX = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
/** A private tmux server (its socket in this test's own folder), not the developer's. */
const WORK = mkdtempSync(join(tmpdir(), 'etl-doctor-e2e-'));
const SOCKET = join(WORK, 'tmux.sock');
const SESSION = 'triage';

/** The test's environment, without the CI markers that make Ink skip live redraws. */
function ptyEnv(): NodeJS.ProcessEnv {
  const env = cleanEnv({ TERM: 'xterm-256color' });
  for (const key of Object.keys(env))
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete env[key];
  delete env.TMUX;
  return env;
}

function tmux(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('tmux', ['-S', SOCKET, '-f', '/dev/null', ...args], {
    cwd: ROOT,
    env: ptyEnv(),
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', SESSION).stdout;
}

/** Polls the screen until it shows what is expected, within a bound. */
async function waitForScreen(
  check: string | RegExp | ((s: string) => boolean),
  timeoutMs = 30_000,
): Promise<string> {
  const test =
    typeof check === 'string'
      ? (s: string) => s.includes(check)
      : check instanceof RegExp
        ? (s: string) => check.test(s)
        : check;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = screen();
    if (test(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(check)}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function keys(...names: string[]): void {
  const result = tmux('send-keys', '-t', SESSION, ...names);
  expect(result.status, result.stderr).toBe(0);
}

const STATUS_FILE = join(WORK, 'status');

/** The CLI's exit status as its shell saw it (128 + N when signal N killed it); undefined while it runs. */
function exitStatus(): string | undefined {
  const text = existsSync(STATUS_FILE) ? readFileSync(STATUS_FILE, 'utf8') : '';
  return text.endsWith('\n') ? text.trim() : undefined;
}

afterEach(() => {
  tmux('kill-server');
});

afterAll(() => {
  rmSync(WORK, { recursive: true, force: true });
});

describe.skipIf(!HAS_TMUX)('triage in a real terminal (tmux)', () => {
  it('lists the demo account, diagnoses an item, goes back and quits', async () => {
    expect(existsSync(CLI), 'dist/cli.js is missing: run npm run build').toBe(true);
    const command = `${JSON.stringify(process.execPath)} dist/cli.js triage --replay fixtures/demo; echo $? > ${JSON.stringify(STATUS_FILE)}`;
    // remain-on-exit keeps the pane after the CLI ends, to see that it left the alternate screen.
    const started = tmux(
      ...['set-option', '-g', 'remain-on-exit', 'on', ';'],
      ...['new-session', '-d', '-x', '100', '-y', '30', '-s', SESSION, command],
    );
    expect(started.status, started.stderr).toBe(0);

    // The list fills in.
    let s = await waitForScreen(
      (x) => x.includes('KIND') && x.includes('orders-etl') && /✓ Glue job runs \d/.test(x),
    );
    expect(s).toContain('etl-doctor triage');
    expect(s).toContain('us-east-1');
    expect(s).toMatch(/24h → 11-20 \d\d:\d\d UTC/);

    // Find the showcase run with the search, then diagnose it.
    keys('/');
    await waitForScreen('Enter keeps');
    keys('-l', 'orders-etl');
    keys('Enter');
    s = await waitForScreen('search: orders-etl');
    expect(s.split('\n').find((l) => l.startsWith('›'))).toContain('orders-etl');
    keys('Enter');
    s = await waitForScreen((x) => x.includes('PROBLEM') && x.includes('Executor ran out of heap memory'));
    expect(s).toContain('‹ glue-job orders-etl');
    expect(s).toContain('executor-oom');
    expect(s).toContain('Evidence');

    // Scroll, then back to the list.
    keys('PageDown');
    await waitForScreen(/^\d+-\d+\/\d+ /m);
    keys('Escape');
    s = await waitForScreen((x) => x.includes('KIND') && x.includes('search: orders-etl'));

    // Quit: the CLI exits 0 and leaves the alternate screen.
    keys('q');
    const deadline = Date.now() + 10_000;
    while (exitStatus() === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(exitStatus(), `after q:\n${screen()}`).toBe('0');
    expect(screen()).not.toContain('KIND');
  }, 90_000);
});

describe('triage without a terminal', () => {
  it('prints the list as a table and the newest problem as the text report, with exit 1', () => {
    const result = runCli(['triage', '--replay', 'fixtures/demo']);
    expect(result.stderr).toBe('');
    // "now" is the fixture's newest timestamp: the same list on any day.
    expect(result.stdout).toMatch(/^Recent problems in us-east-1, 24h → 11-20 03:41 UTC\n/);
    expect(result.stdout).toMatch(/^KIND +NAME +STATE +STARTED \(UTC\) +DURATION +ID$/m);
    const rows = result.stdout.split('\n').filter((l) => /^(glue-job|crawler|emr-step) /.test(l));
    expect(rows.map((r) => r.split(/ {2,}/).slice(0, 3).join(' | '))).toEqual([
      'emr-step | sessionize-nightly / sessionize clickstream | FAILED',
      'glue-job | orders-etl | FAILED',
      'crawler | lake-raw-crawler | SUCCEEDED',
      'glue-job | inventory-snapshot | TIMEOUT',
      'glue-job | marketing-attribution | FAILED',
      'crawler | clickstream-crawler | FAILED',
      'glue-job | finance-ledger-export | FAILED',
    ]);
    expect(result.stdout).toContain('✓ Glue job runs  5 jobs, 4 problem runs');
    expect(result.stdout).toContain(
      'Diagnosis of the newest problem: emr-step sessionize-nightly / sessionize clickstream j-2QX7PZ0K4M1B8 s-1Q2W3E4R5T6Y7',
    );
    expect(result.stdout).toContain('✖ PROBLEM  EMR step j-2QX7PZ0K4M1B8 / s-1Q2W3E4R5T6Y7');
    expect(result.stdout).toContain(
      'AWS console: https://us-east-1.console.aws.amazon.com/emr/home?region=us-east-1#/clusterDetails/j-2QX7PZ0K4M1B8',
    );
    expect(result.stdout).not.toMatch(/\u001b/);
    expect(result.status).toBe(1);
  }, 30_000);

  it('diagnoses the newest problem of the kind asked for', () => {
    const result = runCli(['triage', '--replay', 'fixtures/demo', '--kind', 'glue-job']);
    expect(result.stdout).not.toMatch(/^(crawler|emr-step) /m);
    expect(result.stdout).toContain('Diagnosis of the newest problem: glue-job orders-etl jr_416a724c');
    expect(result.stdout).toContain('[executor-oom · critical');
    expect(result.stdout).toContain(
      'AWS console: https://us-east-1.console.aws.amazon.com/gluestudio/home?region=us-east-1#/job/orders-etl/run/jr_416a724c',
    );
    expect(result.status).toBe(1);
  }, 30_000);

  it('exits 0 with an empty list when nothing failed in the window', () => {
    const result = runCli(['triage', '--replay', 'fixtures/demo', '--now', '2026-11-10T00:00:00Z']);
    expect(result.stdout).toContain('No failed Glue job runs, crawls or EMR steps in this window.');
    expect(result.stdout).not.toContain('Diagnosis of the newest problem');
    expect(result.status).toBe(0);
  }, 30_000);

  it('takes --since as a duration or a date, and refuses nonsense with exit 2', () => {
    const wide = runCli(['triage', '--replay', 'fixtures/demo', '--since', '3d', '--kind', 'glue-job']);
    expect(wide.stdout).toMatch(/^Recent problems in us-east-1, 3d → /);
    expect(wide.stdout).not.toMatch(/^(crawler|emr-step) /m);
    const dated = runCli([
      'triage',
      '--replay',
      'fixtures/demo',
      '--since',
      '2026-11-19',
      '--kind',
      'glue-job',
    ]);
    expect(dated.stdout).toMatch(/^Recent problems in us-east-1, 11-19 00:00 → /);
    for (const args of [
      ['--since', 'yesterday'],
      ['--since', '2026-12-01'],
      ['--now', 'soon'],
      ['--kind', 'lambda'],
      ['--per-job', '0'],
    ]) {
      const bad = runCli(['triage', '--replay', 'fixtures/demo', ...args]);
      expect(bad.status, args.join(' ')).toBe(2);
      expect(bad.stderr.trim().split('\n').length, bad.stderr).toBeLessThanOrEqual(2);
      expect(bad.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);

  it('says how to provide credentials when there are none', () => {
    const result = runCli(['triage', '--region', 'us-east-1']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no AWS credentials found');
  }, 30_000);
});
