import type { ReplayContext } from './context.js';
import type { LogEvent } from './fixture.js';
import { matchesFilter, parseFilterPattern } from './filter-pattern.js';
import {
  byName,
  invalidParameter,
  invalidToken,
  logsParams,
  page,
  requireGroup,
  requireStream,
} from './logs-common.js';
import { pageLimit } from './page-sizes.js';
import type { Params } from './params.js';

/**
 * GetLogEvents pages through one stream in either direction with `f/<n>` and `b/<n>` tokens, where
 * n is a position between events. Like AWS it returns both tokens on every page, and at the end of
 * the stream it hands back the very token it was given (the SDK paginator needs stopOnSameToken).
 */
export function getLogEvents(raw: Record<string, unknown>, ctx: ReplayContext): Record<string, unknown> {
  const params = logsParams(raw);
  const group = requireGroup(params, ctx);
  const events = requireStream(group, params.requiredString('logStreamName'));
  // AWS: startTime is inclusive, "events with a timestamp equal to or later than endTime are not included".
  const lo = firstIndexAtOrAfter(events, params.number('startTime') ?? -Infinity);
  const hi = firstIndexAtOrAfter(events, params.number('endTime') ?? Infinity);
  const limit = pageLimit(params.limit('limit'), ctx.pageSizes.events);
  const token = parseEventsToken(params.raw.nextToken);
  const forward = token ? token.direction === 'f' : params.boolean('startFromHead') === true;
  let start: number;
  let end: number;
  if (forward) {
    start = Math.max(token?.position ?? lo, lo);
    end = Math.max(start, Math.min(start + limit, hi));
  } else {
    end = Math.min(token?.position ?? hi, hi);
    start = Math.min(end, Math.max(end - limit, lo));
  }
  const empty = start >= end;
  const given = typeof params.raw.nextToken === 'string' ? params.raw.nextToken : undefined;
  return {
    events: events.slice(start, end).map(({ timestamp, message, ingestionTime }) => ({
      timestamp,
      message,
      ingestionTime,
    })),
    nextForwardToken: empty && forward && given ? given : `f/${end}`,
    nextBackwardToken: empty && !forward && given ? given : `b/${start}`,
  };
}

function parseEventsToken(token: unknown): { direction: 'f' | 'b'; position: number } | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  const match = typeof token === 'string' ? /^([fb])\/(\d{1,15})$/.exec(token) : null;
  if (!match) throw invalidToken();
  return { direction: match[1] as 'f' | 'b', position: Number(match[2]) };
}

function firstIndexAtOrAfter(events: readonly LogEvent[], time: number): number {
  const index = events.findIndex((event) => event.timestamp >= time);
  return index === -1 ? events.length : index;
}

interface FoundEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

/**
 * FilterLogEvents merges the chosen streams in time order, keeps what the pattern and the inclusive
 * time range select, and pages through that with an opaque token.
 */
export function filterLogEvents(raw: Record<string, unknown>, ctx: ReplayContext): Record<string, unknown> {
  const params = logsParams(raw);
  const group = requireGroup(params, ctx);
  const streamNames = chooseStreams(params, [...group.streams.keys()].sort(byName));
  const pattern = parseFilterPattern(params.string('filterPattern'));
  const startTime = params.number('startTime') ?? -Infinity;
  // AWS: "Events with a timestamp later than this time are not returned": endTime is inclusive.
  const endTime = params.number('endTime') ?? Infinity;
  const found: FoundEvent[] = [];
  streamNames.forEach((logStreamName, streamIndex) => {
    (group.streams.get(logStreamName) ?? []).forEach((event, eventIndex) => {
      if (event.timestamp < startTime || event.timestamp > endTime) return;
      if (!matchesFilter(pattern, event.message)) return;
      found.push({ logStreamName, ...event, eventId: eventId(event, streamIndex, eventIndex) });
    });
  });
  found.sort((a, b) => a.timestamp - b.timestamp || byName(a.logStreamName, b.logStreamName));
  const limit = pageLimit(params.limit('limit'), ctx.pageSizes.events);
  const { items, nextToken } = page(found, 'FilterLogEvents', params.raw.nextToken, limit);
  return {
    events: items,
    searchedLogStreams: streamNames.map((logStreamName) => ({
      logStreamName,
      searchedCompletely: !nextToken,
    })),
    ...(nextToken ? { nextToken } : {}),
  };
}

/** Streams named in `logStreamNames` that exist (others are searched as empty), or by prefix, or all. */
function chooseStreams(params: Params, all: string[]): string[] {
  const names = params.stringList('logStreamNames');
  const prefix = params.string('logStreamNamePrefix');
  if (names && prefix !== undefined) {
    throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  }
  if (names) return all.filter((name) => names.includes(name));
  return prefix === undefined ? all : all.filter((name) => name.startsWith(prefix));
}

/** Deterministic and unique within a group, digits only as AWS's are. */
function eventId(event: LogEvent, streamIndex: number, eventIndex: number): string {
  return `${String(event.timestamp).padStart(16, '0')}${String(streamIndex).padStart(6, '0')}${String(eventIndex).padStart(10, '0')}`;
}
