import type { CallEntry, ServiceName } from './fixture.js';
import { findOperation } from './sdk-schemas.js';
import { canonicalInput, isPlainObject } from './timestamps.js';

/**
 * calls.json answers (fixture-format.md): an entry matches when every key of its `input` is
 * deep-equal to the request's; the most specific match wins, ties go to the first in the file, and
 * an entry with `times: N` steps aside after answering N requests.
 */
export class CallBook {
  private readonly entries: CallEntry[];
  private readonly remaining = new Map<number, number>();

  constructor(entries: readonly CallEntry[]) {
    // Inputs are canonicalised once (timestamps to ISO), as every request will be.
    this.entries = entries.map((entry) => ({
      ...entry,
      input: canonicalParams(entry.service, entry.operation, entry.input),
    }));
    for (const entry of entries) if (entry.times !== undefined) this.remaining.set(entry.index, entry.times);
  }

  /** The entry that answers this request, consuming one of its `times`; undefined when none does. */
  take(service: ServiceName, operation: string, params: Record<string, unknown>): CallEntry | undefined {
    let best: CallEntry | undefined;
    for (const entry of this.entries) {
      if (entry.service !== service || entry.operation !== operation) continue;
      if (this.remaining.get(entry.index) === 0) continue;
      if (!matches(entry.input, params)) continue;
      if (!best || keyCount(entry) > keyCount(best)) best = entry;
    }
    if (best && this.remaining.has(best.index)) {
      this.remaining.set(best.index, (this.remaining.get(best.index) ?? 1) - 1);
    }
    return best;
  }
}

/** Request parameters in the canonical form entries are compared in. */
export function canonicalParams(
  service: ServiceName,
  operation: string,
  params: Record<string, unknown>,
): Record<string, unknown> {
  const op = findOperation(service, operation);
  if (!op) return params;
  const canonical = canonicalInput(op.input, params);
  return isPlainObject(canonical) ? canonical : params;
}

function keyCount(entry: CallEntry): number {
  return Object.keys(entry.input).length;
}

function matches(expected: Record<string, unknown>, actual: Record<string, unknown>): boolean {
  return Object.entries(expected).every(([key, value]) => deepEqual(value, actual[key]));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((key) => a[key] !== undefined);
    const otherKeys = Object.keys(b).filter((key) => b[key] !== undefined);
    return keys.length === otherKeys.length && keys.every((key) => deepEqual(a[key], b[key]));
  }
  return false;
}
