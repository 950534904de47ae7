import { beforeAll, describe, expect, it } from 'vitest';
import { createClients, REPLAY_CREDENTIALS, type AwsClients } from '../../src/aws/clients.js';
import type { CallEntry, Fixture } from '../../src/aws/replay/fixture.js';
import { startReplayServer, type ReplayServer } from '../../src/aws/replay/server.js';
import { UserError } from '../../src/errors.js';
import {
  consoleUrl,
  listProblems,
  type ListEvent,
  type ListOptions,
} from '../../src/fetchers/account-list.js';
import { clearAwsEnv } from '../helpers/cli.js';

type Call = Omit<CallEntry, 'index' | 'input'> & { input?: Record<string, unknown> };

const NOW = new Date('2026-11-20T06:00:00Z');
const SINCE = new Date('2026-11-19T06:00:00Z');

function run(id: string, state: string, startedOn: string, extra: Record<string, unknown> = {}) {
  return { Id: id, JobRunState: state, StartedOn: startedOn, ...extra };
}

/** A small account: four jobs (one whose runs cannot be read), three crawlers, two clusters. */
const ACCOUNT: Call[] = [
  {
    service: 'glue',
    operation: 'GetJobs',
    input: {},
    output: { Jobs: [{ Name: 'orders-etl' }, { Name: 'billing-export' }], NextToken: 'p2' },
  },
  {
    service: 'glue',
    operation: 'GetJobs',
    input: { NextToken: 'p2' },
    output: { Jobs: [{ Name: 'healthy-job' }, { Name: 'many-failures' }] },
  },
  {
    service: 'glue',
    operation: 'GetJobRuns',
    input: { JobName: 'orders-etl' },
    output: {
      JobRuns: [
        run('jr_o3', 'FAILED', '2026-11-20T05:00:00Z', {
          ExecutionTime: 541,
          ErrorMessage: 'java.lang.OutOfMemoryError: Java heap space',
        }),
        run('jr_o2', 'SUCCEEDED', '2026-11-20T04:00:00Z', { ExecutionTime: 300 }),
        run('jr_o1', 'FAILED', '2026-11-18T05:00:00Z', { ExecutionTime: 500 }),
      ],
      NextToken: 'older',
    },
  },
  // Never asked for: the first page already reaches before the window.
  {
    service: 'glue',
    operation: 'GetJobRuns',
    input: { JobName: 'orders-etl', NextToken: 'older' },
    error: { code: 'InternalServiceException', message: 'should not be read', status: 500 },
  },
  {
    service: 'glue',
    operation: 'GetJobRuns',
    input: { JobName: 'billing-export' },
    output: {
      JobRuns: [
        run('jr_b2', 'TIMEOUT', '2026-11-19T22:00:00Z', {
          StartedOn: '2026-11-19T22:00:00Z',
          CompletedOn: '2026-11-20T00:00:00Z',
        }),
        run('jr_b1', 'ERROR', '2026-11-19T21:00:00Z', {
          ErrorMessage: "ModuleNotFoundError: No module named 'pyarrow'",
        }),
      ],
    },
  },
  {
    service: 'glue',
    operation: 'GetJobRuns',
    input: { JobName: 'healthy-job' },
    output: { JobRuns: [run('jr_h1', 'SUCCEEDED', '2026-11-20T01:00:00Z')] },
  },
  {
    service: 'glue',
    operation: 'GetJobRuns',
    input: { JobName: 'many-failures' },
    output: {
      JobRuns: Array.from({ length: 6 }, (_, i) =>
        run(`jr_m${6 - i}`, 'FAILED', `2026-11-20T0${5 - i}:30:00Z`),
      ),
    },
  },
  {
    service: 'glue',
    operation: 'GetCrawlers',
    input: {},
    output: {
      Crawlers: [
        {
          Name: 'raw-events',
          LastCrawl: {
            Status: 'FAILED',
            StartTime: '2026-11-20T04:30:00Z',
            ErrorMessage: 'Internal Service Exception',
          },
        },
        { Name: 'landing-zone', LastCrawl: { Status: 'SUCCEEDED', StartTime: '2026-11-20T03:00:00Z' } },
        { Name: 'old-one', LastCrawl: { Status: 'CANCELLED', StartTime: '2026-11-10T03:00:00Z' } },
        { Name: 'never-ran' },
      ],
    },
  },
  {
    service: 'glue',
    operation: 'GetCrawlerMetrics',
    input: {},
    output: {
      CrawlerMetricsList: [
        { CrawlerName: 'raw-events', LastRuntimeSeconds: 95.4 },
        { CrawlerName: 'landing-zone', LastRuntimeSeconds: 40 },
      ],
    },
  },
  {
    service: 'emr',
    operation: 'ListClusters',
    input: {},
    output: {
      Clusters: [
        { Id: 'j-1NIGHTLY', Name: 'nightly-aggregates', Status: { State: 'TERMINATED_WITH_ERRORS' } },
        { Id: 'j-2ADHOC', Name: 'adhoc', Status: { State: 'WAITING' } },
      ],
    },
  },
  {
    service: 'emr',
    operation: 'ListSteps',
    input: { ClusterId: 'j-1NIGHTLY' },
    output: {
      Steps: [
        {
          Id: 's-AGG',
          Name: 'spark-aggregate',
          Status: {
            State: 'FAILED',
            FailureDetails: {
              Reason: 'Unknown Error.',
              Message: 'Container killed on request. Exit code is 137',
            },
            Timeline: {
              CreationDateTime: '2026-11-20T02:00:00Z',
              StartDateTime: '2026-11-20T02:01:00Z',
              EndDateTime: '2026-11-20T02:31:30Z',
            },
          },
        },
        {
          Id: 's-OLD',
          Name: 'last-week',
          Status: { State: 'FAILED', Timeline: { StartDateTime: '2026-11-12T02:01:00Z' } },
        },
      ],
    },
  },
  { service: 'emr', operation: 'ListSteps', input: { ClusterId: 'j-2ADHOC' }, output: { Steps: [] } },
];

function fixture(calls: Call[]): Fixture {
  return {
    dir: '<memory>',
    calls: calls.map((c, index) => ({ ...c, index, input: c.input ?? {} })),
    logs: new Map(),
    metrics: [],
  };
}

interface Account {
  clients: AwsClients;
  close(): Promise<void>;
}

async function account(calls: Call[]): Promise<Account> {
  const server: ReplayServer = await startReplayServer(fixture(calls));
  const clients = createClients({
    endpointUrl: server.url,
    region: 'us-east-1',
    credentials: REPLAY_CREDENTIALS,
    retryDelayMs: 0,
    maxAttempts: 1,
  });
  return {
    clients,
    async close() {
      clients.destroy();
      await server.close();
    },
  };
}

async function list(calls: Call[], options: Partial<ListOptions> = {}) {
  const acct = await account(calls);
  const events: ListEvent[] = [];
  try {
    const result = await listProblems(acct.clients, {
      since: SINCE,
      now: NOW,
      onEvent: (e) => events.push(e),
      ...options,
    });
    return { result, events };
  } finally {
    await acct.close();
  }
}

beforeAll(() => clearAwsEnv());

describe('listing recent problems across the account', () => {
  let listed: Awaited<ReturnType<typeof list>>;
  beforeAll(async () => {
    listed = await list(ACCOUNT);
  });

  it('lists failed, timed-out and errored job runs, failed steps and recent crawls, newest first', () => {
    expect(listed.result.items.map((i) => `${i.kind} ${i.name} ${i.id} ${i.state}`)).toEqual([
      'glue-job many-failures jr_m6 FAILED',
      'glue-job orders-etl jr_o3 FAILED',
      // Same start (04:30): ties are ordered by key, so the list does not shuffle between reloads.
      'crawler raw-events last crawl FAILED',
      'glue-job many-failures jr_m5 FAILED',
      'glue-job many-failures jr_m4 FAILED',
      'crawler landing-zone last crawl SUCCEEDED',
      'emr-step nightly-aggregates / spark-aggregate j-1NIGHTLY s-AGG FAILED',
      'glue-job billing-export jr_b2 TIMEOUT',
      'glue-job billing-export jr_b1 ERROR',
    ]);
  });

  it('keeps the newest problem runs of each job (3 by default), and nothing outside the window', () => {
    const ids = listed.result.items.map((i) => i.id);
    expect(ids).not.toContain('jr_m3');
    expect(ids).not.toContain('jr_o1');
    expect(ids).not.toContain('jr_o2');
    expect(ids).not.toContain('jr_h1');
    expect(listed.result.items.find((i) => i.name === 'old-one')).toBeUndefined();
    expect(ids).not.toContain('j-1NIGHTLY s-OLD');
  });

  it('gives each item a start, a duration, the message AWS gives, a target and its console link', () => {
    const byId = new Map(listed.result.items.map((i) => [i.id === 'last crawl' ? i.name : i.id, i]));
    expect(byId.get('jr_o3')).toMatchObject({
      startedOn: '2026-11-20T05:00:00.000Z',
      durationSec: 541,
      failed: true,
      message: 'java.lang.OutOfMemoryError: Java heap space',
      target: { kind: 'glue-job-run', jobName: 'orders-etl', runId: 'jr_o3' },
      consoleUrl:
        'https://us-east-1.console.aws.amazon.com/gluestudio/home?region=us-east-1#/job/orders-etl/run/jr_o3',
    });
    expect(byId.get('jr_b2')?.durationSec).toBe(7200);
    expect(byId.get('raw-events')).toMatchObject({
      failed: true,
      durationSec: 95,
      message: 'Internal Service Exception',
      target: { kind: 'glue-crawler', crawlerName: 'raw-events' },
      consoleUrl:
        'https://us-east-1.console.aws.amazon.com/glue/home?region=us-east-1#/v2/data-catalog/crawlers/view/raw-events',
    });
    expect(byId.get('landing-zone')).toMatchObject({ failed: false, state: 'SUCCEEDED', durationSec: 40 });
    expect(byId.get('j-1NIGHTLY s-AGG')).toMatchObject({
      startedOn: '2026-11-20T02:01:00.000Z',
      durationSec: 1830,
      message: 'Unknown Error.: Container killed on request. Exit code is 137',
      target: { kind: 'emr-step', clusterId: 'j-1NIGHTLY', stepId: 's-AGG' },
      consoleUrl:
        'https://us-east-1.console.aws.amazon.com/emr/home?region=us-east-1#/clusterDetails/j-1NIGHTLY',
    });
  });

  it('reports each listing source, and sends items as sources answer', () => {
    expect(listed.result.region).toBe('us-east-1');
    expect(listed.result.sources).toEqual([
      { name: 'Glue job runs', status: 'ok', detail: '4 jobs, 6 problem runs', items: 6 },
      { name: 'Glue crawlers', status: 'ok', detail: '4 crawlers, 1 failed crawl', items: 2 },
      { name: 'EMR steps', status: 'ok', detail: '2 clusters, 1 failed step', items: 1 },
    ]);
    const types = listed.events.map((e) => e.type);
    expect(types[0]).toBe('region');
    expect(types.filter((t) => t === 'source-start')).toHaveLength(3);
    expect(types.filter((t) => t === 'source-done')).toHaveLength(3);
    const streamed = listed.events.flatMap((e) => (e.type === 'items' ? e.items : []));
    expect(streamed).toHaveLength(listed.result.items.length);
    // Items of a source arrive before that source is done.
    const firstItems = types.indexOf('items');
    expect(firstItems).toBeLessThan(types.lastIndexOf('source-done'));
  });

  it('takes a number of runs per job', async () => {
    const { result } = await list(ACCOUNT, { perJob: 1, kinds: ['glue-job'] });
    expect(result.items.map((i) => i.id)).toEqual(['jr_m6', 'jr_o3', 'jr_b2']);
    expect(result.sources.map((s) => s.name)).toEqual(['Glue job runs']);
  });

  it('counts "now" as the end of the window', async () => {
    const { result } = await list(ACCOUNT, {
      now: new Date('2026-11-20T03:00:00Z'),
      since: new Date('2026-11-20T00:00:00Z'),
      kinds: ['glue-job'],
    });
    expect(result.items.map((i) => i.id)).toEqual(['jr_m3', 'jr_m2', 'jr_m1']);
  });
});

describe('a listing source that fails does not stop the list', () => {
  it('shows a denied EMR listing and a throttled job beside the rest', async () => {
    const { result } = await list([
      {
        service: 'emr',
        operation: 'ListClusters',
        error: {
          code: 'AccessDeniedException',
          message: 'not authorized to perform elasticmapreduce:ListClusters',
          status: 400,
        },
      },
      {
        service: 'glue',
        operation: 'GetJobRuns',
        input: { JobName: 'billing-export' },
        error: { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 },
      },
      ...ACCOUNT,
    ]);
    const sources = Object.fromEntries(result.sources.map((s) => [s.name, s]));
    expect(sources['EMR steps']).toMatchObject({
      status: 'denied',
      detail: expect.stringContaining('AccessDeniedException'),
    });
    expect(sources['Glue job runs']).toMatchObject({ status: 'throttled', items: 4 });
    expect(sources['Glue job runs']?.detail).toMatch(
      /^1 of 4 jobs not read \(ThrottlingException: Rate exceeded\); 4 jobs, 4 problem runs$/,
    );
    expect(sources['Glue crawlers']?.status).toBe('ok');
    expect(result.items.map((i) => i.name)).toContain('orders-etl');
    expect(result.items.map((i) => i.name)).not.toContain('billing-export');
    expect(result.items.some((i) => i.kind === 'emr-step')).toBe(false);
  });

  it('reports a listing the account does not answer as missing, without items', async () => {
    const { result } = await list([ACCOUNT[0]!, ACCOUNT[1]!], { kinds: ['crawler'] });
    expect(result.sources).toEqual([
      { name: 'Glue crawlers', status: 'missing', detail: expect.stringContaining('GetCrawlers') },
    ]);
    expect(result.items).toEqual([]);
  });

  it('lists nothing from an empty account', async () => {
    const { result } = await list([
      { service: 'glue', operation: 'GetJobs', output: { Jobs: [] } },
      { service: 'glue', operation: 'GetCrawlers', output: { Crawlers: [] } },
      { service: 'emr', operation: 'ListClusters', output: { Clusters: [] } },
    ]);
    expect(result.items).toEqual([]);
    expect(result.sources.map((s) => `${s.name}: ${s.status} ${s.detail}`)).toEqual([
      'Glue job runs: ok 0 jobs, 0 problem runs',
      'Glue crawlers: ok 0 crawlers, 0 failed crawls',
      'EMR steps: ok 0 clusters, 0 failed steps',
    ]);
  });

  it('stops on expired credentials, as every other read would fail too', async () => {
    await expect(
      list([
        {
          service: 'glue',
          operation: 'GetJobs',
          error: {
            code: 'ExpiredTokenException',
            message: 'The security token included in the request is expired',
            status: 400,
          },
        },
        ...ACCOUNT,
      ]),
    ).rejects.toThrow(UserError);
  });
});

describe('console links', () => {
  it('encode names and follow the region', () => {
    expect(consoleUrl({ kind: 'glue-job-run', jobName: 'my job', runId: 'jr_1' }, 'eu-west-1')).toBe(
      'https://eu-west-1.console.aws.amazon.com/gluestudio/home?region=eu-west-1#/job/my%20job/run/jr_1',
    );
    expect(consoleUrl({ kind: 'emr-step', clusterId: 'j-X', stepId: 's-Y' }, 'us-west-2')).toBe(
      'https://us-west-2.console.aws.amazon.com/emr/home?region=us-west-2#/clusterDetails/j-X',
    );
  });
});
