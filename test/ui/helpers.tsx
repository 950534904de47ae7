import { render } from 'ink-testing-library';
import type { Report } from '../../src/engine/report.js';
import type { SourceStatus } from '../../src/evidence/model.js';
import {
  consoleUrl,
  type ListEvent,
  type ListResult,
  type ProblemItem,
} from '../../src/fetchers/account-list.js';
import type { ProgressListener } from '../../src/fetchers/sources.js';
import type { Target } from '../../src/target.js';
import { App } from '../../src/ui/app.js';
import type { ExitRequest, TriageDeps, TriageOptions } from '../../src/ui/types.js';

export const NOW = new Date('2026-11-20T06:00:00Z');
export const SINCE = new Date('2026-11-19T06:00:00Z');

export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  enter: '\r',
  escape: '\u001B',
  backspace: '\u007F',
  tab: '\t',
} as const;

export function item(over: Partial<ProblemItem> & { name: string }): ProblemItem {
  const kind = over.kind ?? 'glue-job';
  const id = over.id ?? `jr_${over.name.replace(/\W/g, '')}0001`;
  const target: Target =
    over.target ??
    (kind === 'glue-job'
      ? { kind: 'glue-job-run', jobName: over.name, runId: id }
      : kind === 'crawler'
        ? { kind: 'glue-crawler', crawlerName: over.name }
        : { kind: 'emr-step', clusterId: 'j-2AXXXXXXGAPLF', stepId: id });
  return {
    key: `${kind}:${over.name}:${id}`,
    kind,
    id,
    state: 'FAILED',
    failed: true,
    startedOn: '2026-11-20T03:00:00.000Z',
    durationSec: 541,
    consoleUrl: consoleUrl(target, 'us-east-1'),
    target,
    ...over,
  };
}

/** An account with a few problems of each kind, newest first. */
export const ITEMS: ProblemItem[] = [
  item({
    name: 'orders-etl',
    startedOn: '2026-11-20T05:10:00.000Z',
    message: 'java.lang.OutOfMemoryError: Java heap space',
  }),
  item({
    name: 'raw-events-crawler',
    kind: 'crawler',
    id: 'last crawl',
    startedOn: '2026-11-20T04:30:00.000Z',
    message: 'Internal Service Exception',
  }),
  item({
    name: 'nightly-cluster / spark-aggregate',
    kind: 'emr-step',
    id: 's-1K2M3N4P5Q6R',
    startedOn: '2026-11-20T04:00:00.000Z',
  }),
  item({
    name: 'billing-export',
    state: 'TIMEOUT',
    startedOn: '2026-11-20T02:00:00.000Z',
    durationSec: 2880 * 60,
  }),
  item({
    name: 'customers-dim',
    state: 'ERROR',
    startedOn: '2026-11-19T23:00:00.000Z',
    message: "ModuleNotFoundError: No module named 'pyarrow'",
  }),
];

export const SOURCES_OK: SourceStatus[] = [
  { name: 'Glue job runs', status: 'ok', detail: '6 jobs, 3 problem runs', items: 3 },
  { name: 'Glue crawlers', status: 'ok', detail: '2 crawlers, 1 failed crawl', items: 1 },
  { name: 'EMR steps', status: 'ok', detail: '1 cluster, 1 failed step', items: 1 },
];

export function report(over: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'etl-doctor', version: '0.1.0' },
    target: { kind: 'glue-job-run', jobName: 'orders-etl', runId: 'jr_ordersetl0001' },
    region: 'us-east-1',
    outcome: 'problem',
    status: { state: 'FAILED', failed: true, location: 'glue:GetJobRun', source: 'glue-api' },
    findings: [
      {
        symptom: 'executor-oom',
        title: 'Executor ran out of heap memory',
        severity: 'critical',
        confidence: 0.91,
        summary: 'An executor JVM ran out of memory (Java heap space) on task 117 of stage 3.',
        evidence: Array.from({ length: 12 }, (_, i) => ({
          source: 'cloudwatch-logs' as const,
          location: `/aws-glue/jobs/error/jr_ordersetl0001-${i + 1}`,
          line: 400 + i,
          timestamp: '2026-11-20T05:14:16.000Z',
          text: `WARN TaskSetManager: Lost task ${i}.0 in stage 2.0: java.lang.OutOfMemoryError: Java heap space`,
        })),
        playbook: {
          id: 'executor-oom',
          title: 'Executor out of memory',
          meaning: '',
          diagnosis: '',
          fixes: [
            {
              title: 'Use more, smaller shuffle partitions',
              detail: 'Less data per task means less heap per task.',
              command:
                'aws glue start-job-run --job-name orders-etl --arguments \'{"--conf":"spark.sql.shuffle.partitions=800"}\'',
            },
          ],
          references: [],
        },
      },
    ],
    sources: [
      { name: 'glue:GetJobRun', status: 'ok' },
      { name: 'logs:/aws-glue/jobs/error', status: 'ok', detail: 'read 5 streams' },
      { name: 'logs:/aws-glue/jobs/logs-v2', status: 'missing', detail: 'continuous logging group missing' },
    ],
    notes: [],
    ...over,
  };
}

/** A promise with its resolve and reject, to let a test decide when a fake source answers. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface FakeAccount {
  deps: TriageDeps;
  /** Events sent by the running listing, and its end. */
  list: {
    emit(event: ListEvent): void;
    finish(result?: Partial<ListResult>): void;
    fail(err: unknown): void;
    calls: number;
  };
  diagnosis: {
    emit: ProgressListener;
    finish(r?: Report): void;
    fail(err: unknown): void;
    calls: ProblemItem[];
  };
}

/** Deps whose listing and diagnoses answer only when the test says so. */
export function fakeAccount(): FakeAccount {
  let listDone = deferred<ListResult>();
  let listEvent: (event: ListEvent) => void = () => {};
  let diagDone = deferred<Report>();
  let progress: ProgressListener = () => {};
  const account: FakeAccount = {
    deps: {
      loadList(onEvent) {
        account.list.calls += 1;
        listDone = deferred<ListResult>();
        listEvent = onEvent;
        return listDone.promise;
      },
      diagnose(picked, onProgress) {
        account.diagnosis.calls.push(picked);
        diagDone = deferred<Report>();
        progress = onProgress;
        return diagDone.promise;
      },
    },
    list: {
      calls: 0,
      emit: (event) => listEvent(event),
      finish: (result = {}) =>
        listDone.resolve({ region: 'us-east-1', items: ITEMS, sources: SOURCES_OK, ...result }),
      fail: (err) => listDone.reject(err),
    },
    diagnosis: {
      calls: [],
      emit: (event) => progress(event),
      finish: (r = report()) => diagDone.resolve(r),
      fail: (err) => diagDone.reject(err),
    },
  };
  return account;
}

/** Deps that answer at once with the given listing and report. */
export function staticAccount(result: Partial<ListResult> = {}, r: Report = report()): TriageDeps {
  return {
    loadList: async () => ({ region: 'us-east-1', items: ITEMS, sources: SOURCES_OK, ...result }),
    diagnose: async () => r,
  };
}

export type Rendered = ReturnType<typeof render> & { exits: ExitRequest[] };

/** Renders the app at a fixed terminal size (80x24 unless told), as after a resize to it. */
export function renderApp(
  deps: TriageDeps,
  options: Partial<TriageOptions> = {},
  size = { columns: 80, rows: 24 },
): Rendered {
  const exits: ExitRequest[] = [];
  const full: TriageOptions = { since: SINCE, now: NOW, sinceLabel: '24h', color: false, ...options };
  const rendered = render(<App deps={deps} options={full} onExit={(r) => exits.push(r)} />);
  resize(rendered, size);
  return Object.assign(rendered, { exits });
}

export function resize(rendered: ReturnType<typeof render>, size: { columns: number; rows: number }): void {
  Object.defineProperty(rendered.stdout, 'columns', { value: size.columns, configurable: true });
  Object.defineProperty(rendered.stdout, 'rows', { value: size.rows, configurable: true });
  rendered.stdout.emit('resize');
}

/** Waits until the last frame satisfies the check (a string it contains, or a predicate). */
export async function waitForFrame(
  rendered: { lastFrame(): string | undefined },
  check: string | RegExp | ((frame: string) => boolean),
  timeoutMs = 3000,
): Promise<string> {
  const test =
    typeof check === 'string'
      ? (f: string) => f.includes(check)
      : check instanceof RegExp
        ? (f: string) => check.test(f)
        : check;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = rendered.lastFrame() ?? '';
    if (test(frame)) return frame;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${String(check)}; last frame:\n${frame}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Writes a key and lets Ink handle it (a lone Esc is flushed on the next tick). */
export async function press(
  rendered: { stdin: { write(data: string): void } },
  ...keys: string[]
): Promise<void> {
  for (const key of keys) {
    rendered.stdin.write(key);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Every line of a frame is at most `columns` wide. */
export function widest(frame: string): number {
  return Math.max(...frame.split('\n').map((l) => [...l].length));
}
