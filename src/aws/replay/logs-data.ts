import type { ReplayContext } from './context.js';
import type { LogEvent } from './fixture.js';
import {
  byName,
  invalidParameter,
  logsParams,
  nameFromIdentifier,
  page,
  requireGroup,
  type LogGroup,
} from './logs-common.js';
import { filterLogEvents, getLogEvents } from './logs-events.js';
import { pageLimit } from './page-sizes.js';

/**
 * CloudWatch Logs served from logs.json: DescribeLogGroups and DescribeLogStreams here, the event
 * reads in logs-events.ts. Outputs use the API's own epoch-millisecond longs.
 */
export const logsHandlers = {
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  GetLogEvents: getLogEvents,
  FilterLogEvents: filterLogEvents,
};

function groupArn(ctx: ReplayContext, group: string): string {
  return `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${group}`;
}

function storedBytes(events: readonly LogEvent[]): number {
  return events.reduce((sum, event) => sum + Buffer.byteLength(event.message, 'utf8'), 0);
}

function describeLogGroups(raw: Record<string, unknown>, ctx: ReplayContext): Record<string, unknown> {
  const params = logsParams(raw);
  const prefix = params.string('logGroupNamePrefix');
  const pattern = params.string('logGroupNamePattern');
  if (prefix !== undefined && pattern !== undefined) {
    throw invalidParameter(
      'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
    );
  }
  const identifiers = params.stringList('logGroupIdentifiers')?.map(nameFromIdentifier);
  const names = [...ctx.fixture.logs.keys()]
    .filter((name) => prefix === undefined || name.startsWith(prefix))
    // CloudWatch matches logGroupNamePattern case-insensitively anywhere in the name.
    .filter((name) => pattern === undefined || name.toLowerCase().includes(pattern.toLowerCase()))
    .filter((name) => identifiers === undefined || identifiers.includes(name))
    .sort(byName);
  const limit = pageLimit(params.limit('limit'), ctx.pageSizes.groups);
  const { items, nextToken } = page(names, 'DescribeLogGroups', params.raw.nextToken, limit);
  return { logGroups: items.map((name) => logGroupSummary(ctx, name)), ...(nextToken ? { nextToken } : {}) };
}

function logGroupSummary(ctx: ReplayContext, name: string): Record<string, unknown> {
  const streams = [...(ctx.fixture.logs.get(name)?.values() ?? [])];
  const firsts = streams.map((events) => events[0]?.timestamp).filter((t): t is number => t !== undefined);
  return {
    logGroupName: name,
    ...(firsts.length > 0 ? { creationTime: Math.min(...firsts) } : {}),
    metricFilterCount: 0,
    arn: `${groupArn(ctx, name)}:*`,
    storedBytes: streams.reduce((sum, events) => sum + storedBytes(events), 0),
    logGroupClass: 'STANDARD',
    logGroupArn: groupArn(ctx, name),
  };
}

function describeLogStreams(raw: Record<string, unknown>, ctx: ReplayContext): Record<string, unknown> {
  const params = logsParams(raw);
  const group = requireGroup(params, ctx);
  const prefix = params.string('logStreamNamePrefix');
  const orderBy = params.string('orderBy') ?? 'LogStreamName';
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
    throw invalidParameter(`orderBy must be LogStreamName or LastEventTime, not ${orderBy}.`);
  }
  if (orderBy === 'LastEventTime' && prefix !== undefined) {
    throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const names = [...group.streams.keys()].filter((name) => prefix === undefined || name.startsWith(prefix));
  const lastEvent = (name: string) => group.streams.get(name)?.at(-1)?.timestamp ?? 0;
  names.sort(orderBy === 'LastEventTime' ? (a, b) => lastEvent(a) - lastEvent(b) || byName(a, b) : byName);
  if (params.boolean('descending')) names.reverse();
  const limit = pageLimit(params.limit('limit'), ctx.pageSizes.streams);
  const { items, nextToken } = page(names, 'DescribeLogStreams', params.raw.nextToken, limit);
  return {
    logStreams: items.map((name) => logStreamSummary(ctx, group, name)),
    ...(nextToken ? { nextToken } : {}),
  };
}

function logStreamSummary(ctx: ReplayContext, group: LogGroup, name: string): Record<string, unknown> {
  const events = group.streams.get(name) ?? [];
  const first = events[0];
  const last = events.at(-1);
  return {
    logStreamName: name,
    ...(first ? { creationTime: first.timestamp, firstEventTimestamp: first.timestamp } : {}),
    ...(last
      ? {
          lastEventTimestamp: last.timestamp,
          lastIngestionTime: Math.max(...events.map((event) => event.ingestionTime)),
        }
      : {}),
    arn: `${groupArn(ctx, group.name)}:log-stream:${name}`,
    storedBytes: storedBytes(events),
  };
}
