/**
 * Errors the user can act on: printed as one line (no stack unless --verbose), exit code 2.
 * Anything else that escapes is an internal error and asks to be reported.
 */
export class UserError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}

export class UsageError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
