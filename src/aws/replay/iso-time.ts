/**
 * ISO-8601 timestamps as fixtures write them. A string without a zone is read as UTC: `Date.parse`
 * would read it as local time, and a fixture must mean the same instant on every machine.
 */
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Epoch milliseconds for an ISO-8601 string, or undefined when it is not one. */
export function parseIsoTimestamp(text: string): number | undefined {
  const match = ISO_TIMESTAMP.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone] = match;
  const normalizedZone =
    !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${normalizedZone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

export function isIsoTimestamp(text: string): boolean {
  return parseIsoTimestamp(text) !== undefined;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A fixture timestamp: an ISO-8601 string as the spec writes them, or, leniently for fixtures written by
 * hand or by other tools, epoch milliseconds (or epoch seconds, when the number is too small for ms).
 */
export function parseFixtureTime(value: string | number): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? (value < 1e11 ? value * 1000 : value) : undefined;
  return parseIsoTimestamp(value);
}
