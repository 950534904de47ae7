import { ReplayError } from './replay-error.js';

/**
 * Typed reads of request parameters. A request the SDK would never send (wrong type, a required
 * parameter missing) is answered with the service's own validation error instead of a crash.
 */
export class Params {
  constructor(
    readonly raw: Record<string, unknown>,
    private readonly invalid: (message: string) => ReplayError,
  ) {}

  fail(message: string): ReplayError {
    return this.invalid(message);
  }

  string(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw this.invalid(`${key} must be a string.`);
    return value;
  }

  requiredString(key: string): string {
    const value = this.string(key);
    if (value === undefined || value === '') throw this.invalid(`${key} is required.`);
    return value;
  }

  number(key: string): number | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.invalid(`${key} must be a number.`);
    return value;
  }

  /** A page size: a positive integer when given. */
  limit(key: string): number | undefined {
    const value = this.number(key);
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw this.invalid(`${key} must be an integer of at least 1.`);
    }
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw this.invalid(`${key} must be a boolean.`);
    return value;
  }

  stringList(key: string): string[] | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      throw this.invalid(`${key} must be a list of strings.`);
    }
    return value as string[];
  }

  list(key: string): unknown[] | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw this.invalid(`${key} must be a list.`);
    return value;
  }
}
