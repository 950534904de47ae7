import { ReplayError } from './replay-error.js';

/**
 * Opaque pagination tokens. They carry the operation they belong to, so that a token handed to the
 * wrong operation is refused as AWS refuses it, rather than silently restarting a listing.
 */
export function encodeToken(kind: string, state: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ k: kind, ...state }), 'utf8').toString('base64url');
}

export function decodeToken<T extends Record<string, unknown>>(
  kind: string,
  token: unknown,
  invalid: () => ReplayError,
): T | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  if (typeof token !== 'string') throw invalid();
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && (parsed as { k?: unknown }).k === kind) return parsed as T;
  } catch {
    // fall through: not one of ours
  }
  throw invalid();
}

/** A non-negative integer offset read back from a token. */
export function tokenOffset(state: Record<string, unknown> | undefined, invalid: () => ReplayError): number {
  if (!state) return 0;
  const offset = state.o;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) throw invalid();
  return offset;
}
