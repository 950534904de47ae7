import type { NormalizedSchema } from '@smithy/core/schema';
import { parseIsoTimestamp, toIso } from './iso-time.js';

/**
 * Timestamps, converted by walking the SDK's schema of the operation rather than by guessing from
 * the values: a member is a timestamp because the model says so, so a string map such as Glue's
 * `Arguments` keeps a value that merely looks like a date.
 */

/** Smithy's timestamp schema ids: a `timestampFormat` trait, or the protocol's default. */
const DATE_TIME = 5;
const HTTP_DATE = 6;
const EPOCH_SECONDS = 7;

export type TimestampFormat = typeof DATE_TIME | typeof HTTP_DATE | typeof EPOCH_SECONDS;

export function timestampFormat(ns: NormalizedSchema, protocolDefault: TimestampFormat): TimestampFormat {
  const id = ns.getSchema();
  return id === DATE_TIME || id === HTTP_DATE || id === EPOCH_SECONDS ? id : protocolDefault;
}

/** A timestamp value as a fixture or a request writes it (ISO, HTTP date, epoch seconds, Date). */
export function timestampMillis(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value * 1000;
  if (typeof value !== 'string') return undefined;
  const iso = parseIsoTimestamp(value);
  if (iso !== undefined) return iso;
  const httpDate = /GMT$/.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(httpDate) ? undefined : httpDate;
}

export function formatTimestamp(ms: number, format: TimestampFormat): string | number {
  if (format === DATE_TIME) return toIso(ms);
  if (format === HTTP_DATE) return new Date(ms).toUTCString();
  return ms / 1000;
}

/**
 * A fixture output as a JSON protocol sends it: ISO timestamps become epoch seconds (or the member's
 * own format). Numbers are left alone: a fixture may already hold wire values.
 */
export function toJsonWire(schema: NormalizedSchema, value: unknown): unknown {
  return walk(schema, value, (ns, v) => {
    if (typeof v !== 'string') return v;
    const ms = timestampMillis(v);
    return ms === undefined ? v : formatTimestamp(ms, timestampFormat(ns, EPOCH_SECONDS));
  });
}

/**
 * Request parameters (or a fixture's `input`) in one canonical form so that they can be compared:
 * every timestamp becomes an ISO string with milliseconds, whichever way it was written.
 */
export function canonicalInput(schema: NormalizedSchema, value: unknown): unknown {
  return walk(schema, value, (_ns, v) => {
    const ms = timestampMillis(v);
    return ms === undefined ? v : toIso(ms);
  });
}

type TimestampWriter = (ns: NormalizedSchema, value: unknown) => unknown;

function walk(ns: NormalizedSchema, value: unknown, onTimestamp: TimestampWriter): unknown {
  if (value === null || value === undefined) return value;
  if (ns.isTimestampSchema()) return onTimestamp(ns, value);
  if (ns.isNumericSchema() && typeof value === 'string') {
    // CloudWatch Logs models its times as epoch-millisecond longs; a fixture writes them as ISO.
    return parseIsoTimestamp(value) ?? value;
  }
  if (ns.isDocumentSchema()) return value;
  if (ns.isListSchema() && Array.isArray(value)) {
    const item = ns.getValueSchema();
    return value.map((entry) => walk(item, entry, onTimestamp));
  }
  if (ns.isMapSchema() && isPlainObject(value)) {
    const item = ns.getValueSchema();
    return mapValues(value, (entry) => walk(item, entry, onTimestamp));
  }
  if (ns.isStructSchema() && isPlainObject(value)) {
    const members = ns.getMemberSchemas();
    return mapValues(value, (entry, key) => {
      const member = members[key];
      return member ? walk(member, entry, onTimestamp) : entry;
    });
  }
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function mapValues(
  record: Record<string, unknown>,
  fn: (value: unknown, key: string) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) out[key] = fn(value, key);
  return out;
}
