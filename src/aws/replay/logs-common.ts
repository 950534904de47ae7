import type { ReplayContext } from './context.js';
import type { LogEvent } from './fixture.js';
import { Params } from './params.js';
import { ReplayError } from './replay-error.js';
import { decodeToken, encodeToken, tokenOffset } from './tokens.js';

/** What every CloudWatch Logs handler shares: parameters, errors, group and stream lookup, pages. */

export function logsParams(raw: Record<string, unknown>): Params {
  return new Params(raw, invalidParameter);
}

export function invalidParameter(message: string): ReplayError {
  return new ReplayError('InvalidParameterException', message);
}

export function invalidToken(): ReplayError {
  return invalidParameter('The specified nextToken is invalid.');
}

export interface LogGroup {
  name: string;
  streams: Map<string, LogEvent[]>;
}

/** The group a request names by `logGroupName` or `logGroupIdentifier` (a name or an ARN). */
export function requireGroup(params: Params, ctx: ReplayContext): LogGroup {
  const name = params.string('logGroupName');
  const identifier = params.string('logGroupIdentifier');
  if (name && identifier) {
    throw invalidParameter('LogGroup name and LogGroup identifier are mutually exclusive parameters.');
  }
  const groupName = name ?? (identifier ? nameFromIdentifier(identifier) : undefined);
  if (!groupName) throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
  const streams = ctx.fixture.logs.get(groupName);
  if (!streams) throw new ReplayError('ResourceNotFoundException', 'The specified log group does not exist.');
  return { name: groupName, streams };
}

export function nameFromIdentifier(identifier: string): string {
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(identifier);
  return arn?.[1] ?? identifier;
}

export function requireStream(group: LogGroup, streamName: string): LogEvent[] {
  const events = group.streams.get(streamName);
  if (!events) throw new ReplayError('ResourceNotFoundException', 'The specified log stream does not exist.');
  return events;
}

/** AWS lists names in byte order. */
export function byName(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** One page of a listing, and the token of the next when there is one. */
export function page<T>(
  items: readonly T[],
  kind: string,
  nextToken: unknown,
  limit: number,
): { items: T[]; nextToken?: string } {
  const offset = tokenOffset(decodeToken(kind, nextToken, invalidToken), invalidToken);
  const end = offset + limit;
  return {
    items: items.slice(offset, end),
    ...(end < items.length ? { nextToken: encodeToken(kind, { o: end }) } : {}),
  };
}
