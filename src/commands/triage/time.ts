import type { Fixture } from '../../aws/replay/fixture.js';
import { UsageError } from '../../errors.js';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO-8601 date or date-time; a date alone, or a time without a zone, is read as UTC. */
export function parseInstant(text: string, flag: string): Date {
  const trimmed = text.trim();
  if (!ISO_DATE.test(trimmed))
    throw new UsageError(
      `${flag} must be an ISO date or date-time (e.g. 2026-11-20 or 2026-11-20T03:00:00Z), not "${text}"`,
    );
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(trimmed);
  const normalized = trimmed.replace(' ', 'T') + (trimmed.length > 10 && !hasZone ? 'Z' : '');
  const ms = Date.parse(normalized);
  if (!Number.isFinite(ms)) throw new UsageError(`${flag}: "${text}" is not a valid date`);
  return new Date(ms);
}

/** `--since`: a duration back from now (`90m`, `6h`, `3d`, `2w`) or an ISO date / date-time. */
export function parseSince(text: string, now: Date): Date {
  const m = DURATION.exec(text.trim());
  let since: Date;
  if (m) {
    const unit = m[2]!.toLowerCase() as keyof typeof UNIT_MS;
    const ms = Number(m[1]) * UNIT_MS[unit];
    if (!(ms > 0)) throw new UsageError(`--since must be a positive duration, not "${text}"`);
    since = new Date(now.getTime() - ms);
  } else if (ISO_DATE.test(text.trim())) {
    since = parseInstant(text, '--since');
  } else {
    throw new UsageError(`--since takes a duration such as 90m, 6h, 3d or 2w, or an ISO date; not "${text}"`);
  }
  if (since.getTime() >= now.getTime()) {
    throw new UsageError(
      `--since ${text} is not before "now" (${now.toISOString()}); pass an earlier --since or a later --now`,
    );
  }
  return since;
}

const ISO_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function newestIn(value: unknown, newest: number): number {
  if (typeof value === 'string') {
    if (!ISO_STAMP.test(value)) return newest;
    const ms = Date.parse(value);
    return Number.isFinite(ms) && ms > newest ? ms : newest;
  }
  if (Array.isArray(value)) return value.reduce<number>((n, v) => newestIn(v, n), newest);
  if (value && typeof value === 'object')
    return Object.values(value).reduce<number>((n, v) => newestIn(v, n), newest);
  return newest;
}

/**
 * "Now" for a recorded fixture: its newest timestamp (API answers and log events), so that
 * `--since 24h` over a fixture recorded months ago lists the same items on any day.
 */
export function fixtureNow(fixture: Fixture): Date | undefined {
  let newest = -Infinity;
  for (const call of fixture.calls) newest = newestIn(call.output, newest);
  for (const streams of fixture.logs.values()) {
    for (const events of streams.values())
      for (const event of events) if (event.timestamp > newest) newest = event.timestamp;
  }
  return Number.isFinite(newest) ? new Date(newest) : undefined;
}
