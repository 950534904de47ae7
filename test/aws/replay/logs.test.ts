import {
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  paginateDescribeLogGroups,
  paginateDescribeLogStreams,
  paginateFilterLogEvents,
  paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import type { Fixture, LogEvent } from '../../../src/aws/replay/fixture.js';
import { collect, rejection, useReplay } from './helpers.js';

const GROUP = '/aws-glue/jobs/error';
const T0 = Date.parse('2026-11-20T03:00:00Z');

/** A stream long enough for the default page sizes: 120 events one second apart. */
function bigFixture(): Fixture {
  const events: LogEvent[] = Array.from({ length: 120 }, (_, i) => ({
    timestamp: T0 + i * 1000,
    message: `line ${i}${i % 10 === 0 ? ' ERROR' : ''}`,
    ingestionTime: T0 + i * 1000 + 5,
  }));
  const streams = new Map<string, LogEvent[]>([['big', events]]);
  for (let i = 0; i < 12; i += 1) streams.set(`s${String(i).padStart(2, '0')}`, [events[i] as LogEvent]);
  return { dir: '(in memory)', calls: [], logs: new Map([['/big', streams]]), metrics: [] };
}

describe('logs.json with small page sizes', () => {
  const replay = useReplay(undefined, { pageSizes: { events: 3, streams: 2, groups: 3 } });

  it('describes log groups by prefix, sorted, paginated, with ARNs of the scenario account', async () => {
    const pages = await collect(
      paginateDescribeLogGroups({ client: replay.aws.logs }, { logGroupNamePrefix: '/aws-' }),
    );
    expect(pages.length).toBeGreaterThan(1);
    const groups = pages.flatMap((page) => page.logGroups ?? []);
    expect(groups.map((group) => group.logGroupName)).toEqual([
      '/aws-emr/a',
      '/aws-emr/b',
      '/aws-emr/c',
      '/aws-emr/d',
      '/aws-glue/jobs/error',
      '/aws-glue/jobs/output',
      '/aws-glue/jobs/throttled',
    ]);
    const error = groups.find((group) => group.logGroupName === GROUP);
    expect(error?.logGroupArn).toBe(`arn:aws:logs:eu-west-1:111122223333:log-group:${GROUP}`);
    expect(error?.creationTime).toBe(Date.parse('2026-11-19T03:00:00Z'));
  });

  it('describes log streams by prefix with event times, ordered and paginated', async () => {
    const pages = await collect(
      paginateDescribeLogStreams(
        { client: replay.aws.logs },
        { logGroupName: GROUP, logStreamNamePrefix: 'jr_0a1b' },
      ),
    );
    const streams = pages.flatMap((page) => page.logStreams ?? []);
    expect(streams.map((stream) => stream.logStreamName)).toEqual(['jr_0a1b', 'jr_0a1b_driver']);
    expect(streams[0]).toMatchObject({
      firstEventTimestamp: Date.parse('2026-11-20T03:01:00Z'),
      lastEventTimestamp: Date.parse('2026-11-20T03:08:00Z'),
      lastIngestionTime: Date.parse('2026-11-20T03:08:00Z'),
      storedBytes: expect.any(Number),
      arn: `arn:aws:logs:eu-west-1:111122223333:log-group:${GROUP}:log-stream:jr_0a1b`,
    });
    expect(streams[1]?.lastIngestionTime).toBe(Date.parse('2026-11-20T03:05:30Z'));
  });

  it('orders streams by last event time, newest first, across pages', async () => {
    const pages = await collect(
      paginateDescribeLogStreams(
        { client: replay.aws.logs },
        {
          logGroupIdentifier: `arn:aws:logs:eu-west-1:111122223333:log-group:${GROUP}:*`,
          orderBy: 'LastEventTime',
          descending: true,
        },
      ),
    );
    expect(pages.length).toBe(2);
    expect(pages.flatMap((page) => page.logStreams ?? []).map((stream) => stream.logStreamName)).toEqual([
      'jr_0a1b',
      'jr_0a1b_driver',
      'jr_older',
      'jr_empty',
    ]);
  });

  it('refuses LastEventTime ordering with a prefix, as AWS does', async () => {
    const error = await rejection(
      replay.aws.logs.send(
        new DescribeLogStreamsCommand({
          logGroupName: GROUP,
          orderBy: 'LastEventTime',
          logStreamNamePrefix: 'jr',
        }),
      ),
    );
    expect(error.name).toBe('InvalidParameterException');
  });

  it('reads a stream forward from the head to a repeated token', async () => {
    const pages = await collect(
      paginateGetLogEvents(
        { client: replay.aws.logs, stopOnSameToken: true },
        { logGroupName: GROUP, logStreamName: 'jr_0a1b', startFromHead: true },
      ),
    );
    const messages = pages.flatMap((page) => page.events ?? []).map((event) => event.message);
    expect(messages).toHaveLength(8);
    expect(messages[0]).toBe('INFO starting stage 1');
    expect(messages[7]).toBe('ERROR Job aborted due to stage failure');
    const last = pages.at(-1);
    expect(last?.events).toEqual([]);
    expect(last?.nextForwardToken).toBe(pages.at(-2)?.nextForwardToken);
  });

  it('reads a stream backward from the tail with nextBackwardToken', async () => {
    const seen: string[][] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i += 1) {
      const page = await replay.aws.logs.send(
        new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'jr_0a1b', nextToken: token }),
      );
      if (page.nextBackwardToken === token) {
        expect(page.events).toEqual([]);
        break;
      }
      seen.push((page.events ?? []).map((event) => event.message ?? ''));
      token = page.nextBackwardToken;
    }
    expect(seen.map((page) => page.length)).toEqual([3, 3, 2]);
    // Each page is in time order; pages go back in time.
    expect(seen[0]).toEqual([
      'ERROR Task 12 failed: OutOfMemoryError',
      'DEBUG heap dump skipped',
      'ERROR Job aborted due to stage failure',
    ]);
    expect(seen.flat().at(-1)).toBe('WARN slow task 7 on executor 3');
  });

  it('limits a read to [startTime, endTime) and a limit', async () => {
    const out = await replay.aws.logs.send(
      new GetLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: 'jr_0a1b',
        startTime: Date.parse('2026-11-20T03:02:00Z'),
        endTime: Date.parse('2026-11-20T03:05:00Z'),
        startFromHead: true,
        limit: 10,
      }),
    );
    expect(out.events?.map((event) => event.timestamp)).toEqual([
      Date.parse('2026-11-20T03:02:00Z'),
      Date.parse('2026-11-20T03:03:00Z'),
      Date.parse('2026-11-20T03:04:00Z'),
    ]);
    expect(out.events?.[0]?.ingestionTime).toBe(Date.parse('2026-11-20T03:02:00Z'));
  });

  it('answers a missing group or stream with ResourceNotFoundException and the AWS message', async () => {
    const noGroup = await rejection(
      replay.aws.logs.send(new GetLogEventsCommand({ logGroupName: '/nope', logStreamName: 'x' })),
    );
    expect(noGroup.name).toBe('ResourceNotFoundException');
    expect(noGroup.message).toBe('The specified log group does not exist.');
    expect(noGroup.$metadata?.httpStatusCode).toBe(400);
    const noStream = await rejection(
      replay.aws.logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'nope' })),
    );
    expect(noStream.name).toBe('ResourceNotFoundException');
    expect(noStream.message).toBe('The specified log stream does not exist.');
    const filterNoGroup = await rejection(
      replay.aws.logs.send(new FilterLogEventsCommand({ logGroupName: '/nope' })),
    );
    expect(filterNoGroup.name).toBe('ResourceNotFoundException');
  });

  it('refuses a token that is not one of its own', async () => {
    const error = await rejection(
      replay.aws.logs.send(
        new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'jr_0a1b', nextToken: 'zzz' }),
      ),
    );
    expect(error.name).toBe('InvalidParameterException');
  });
});

describe('FilterLogEvents', () => {
  const replay = useReplay(undefined, { pageSizes: { events: 2 } });

  async function filter(input: {
    filterPattern?: string;
    logStreamNamePrefix?: string;
    logStreamNames?: string[];
    startTime?: number;
    endTime?: number;
  }) {
    const pages = await collect(
      paginateFilterLogEvents({ client: replay.aws.logs }, { logGroupName: GROUP, ...input }),
    );
    return { pages, events: pages.flatMap((page) => page.events ?? []) };
  }

  it('merges streams in time order over pages, with ids, streams and ingestion times', async () => {
    const { pages, events } = await filter({ logStreamNamePrefix: 'jr_0a1b', filterPattern: 'ERROR' });
    expect(pages.length).toBe(2);
    expect(events.map((event) => [event.logStreamName, event.message])).toEqual([
      ['jr_0a1b', 'ERROR Lost executor 3: Container killed by YARN'],
      ['jr_0a1b_driver', 'ERROR driver saw OutOfMemoryError on executor 3'],
      ['jr_0a1b', 'ERROR Task 12 failed: OutOfMemoryError'],
      ['jr_0a1b', 'ERROR Job aborted due to stage failure'],
    ]);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(4);
    expect(events.every((event) => typeof event.ingestionTime === 'number')).toBe(true);
    expect(pages[0]?.searchedLogStreams?.map((stream) => stream.logStreamName)).toEqual([
      'jr_0a1b',
      'jr_0a1b_driver',
    ]);
  });

  it('requires every term, any ?term, no -term; quoted phrases; case-sensitive', async () => {
    const messages = async (filterPattern: string) =>
      (await filter({ logStreamNames: ['jr_0a1b'], filterPattern })).events.map((event) => event.message);
    expect(await messages('ERROR executor')).toEqual(['ERROR Lost executor 3: Container killed by YARN']);
    expect(await messages('"Java heap space"')).toEqual(['java.lang.OutOfMemoryError: Java heap space']);
    expect(await messages('?WARN ?DEBUG')).toEqual([
      'WARN slow task 7 on executor 3',
      'DEBUG heap dump skipped',
    ]);
    expect(await messages('ERROR -OutOfMemoryError -YARN')).toEqual([
      'ERROR Job aborted due to stage failure',
    ]);
    expect(await messages('error')).toEqual([]);
    expect(await messages('')).toHaveLength(8);
  });

  it('applies an inclusive time range', async () => {
    const { events } = await filter({
      logStreamNames: ['jr_0a1b'],
      startTime: Date.parse('2026-11-20T03:07:00Z'),
      endTime: Date.parse('2026-11-20T03:08:00Z'),
    });
    expect(events.map((event) => event.message)).toEqual([
      'DEBUG heap dump skipped',
      'ERROR Job aborted due to stage failure',
    ]);
  });

  it.each([
    ['{ $.level = "ERROR" }', 'JSON'],
    ['[ip, user, status = 500]', 'Space-delimited'],
    ['%ERROR|WARN%', 'Regular-expression'],
    ['java.lang.OutOfMemoryError', 'double quotes'],
    ['"unterminated', 'unterminated'],
  ])('refuses the pattern %s with a 400 that says it is not replayed', async (filterPattern, why) => {
    const error = await rejection(
      replay.aws.logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern })),
    );
    expect(error.name).toBe('InvalidParameterException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain('is not replayed');
    expect(error.message).toContain(why);
  });
});

describe('default page sizes', () => {
  const replay = useReplay(bigFixture());

  it('pages 120 events by 50 both with the paginator and backward', async () => {
    const pages = await collect(
      paginateGetLogEvents(
        { client: replay.aws.logs, stopOnSameToken: true },
        { logGroupName: '/big', logStreamName: 'big', startFromHead: true },
      ),
    );
    expect(pages.map((page) => page.events?.length)).toEqual([50, 50, 20, 0]);
    const tail = await replay.aws.logs.send(
      new GetLogEventsCommand({ logGroupName: '/big', logStreamName: 'big' }),
    );
    expect(tail.events?.[0]?.message).toBe('line 70 ERROR');
    expect(tail.events).toHaveLength(50);
  });

  it('caps a larger limit at the page size', async () => {
    const out = await replay.aws.logs.send(
      new FilterLogEventsCommand({ logGroupName: '/big', logStreamNames: ['big'], limit: 10_000 }),
    );
    expect(out.events).toHaveLength(50);
    expect(out.nextToken).toBeDefined();
  });

  it('pages streams by 5', async () => {
    const first = await replay.aws.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/big' }));
    expect(first.logStreams).toHaveLength(5);
    const groups = await replay.aws.logs.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.map((group) => group.logGroupName)).toEqual(['/big']);
  });
});
