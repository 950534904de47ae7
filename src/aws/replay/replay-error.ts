/**
 * An AWS-style error answered by the replay. Handlers throw it; each protocol writes it in its own
 * wire format (JSON `__type`, S3 `<Error>`), so the SDK surfaces `name === code` and the status.
 */
export class ReplayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra members written next to Code and Message (S3 adds Key, BucketName...). */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * The code of a request the fixture has no answer for and no AWS "missing resource" error fits.
 * Fetchers may recognise it; its message names the service, operation and input.
 */
export const REPLAY_NO_ANSWER_CODE = 'ReplayNoAnswer';

export function noAnswerMessage(service: string, operation: string, input: unknown): string {
  return `The replay fixture has no answer for ${service} ${operation} with input ${stableJson(input)}`;
}

/** Compact JSON for messages, cut short so that a huge request cannot flood an error. */
function stableJson(value: unknown): string {
  const text = JSON.stringify(value ?? {});
  return text.length > 500 ? `${text.slice(0, 500)}...` : text;
}

/** Anything thrown that is not a ReplayError is a replay bug: a 500 that says what broke. */
export function asReplayError(error: unknown): ReplayError {
  if (error instanceof ReplayError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ReplayError('InternalFailure', `The replay failed to answer: ${message}`, 500);
}
