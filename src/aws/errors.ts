import type { SourceStatusKind } from '../evidence/model.js';
import { UserError } from '../errors.js';

interface SdkLikeError {
  name?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

const MISSING = /NotFound|NoSuchKey|NoSuchBucket|EntityNotFound|NoSuchEntity/;
const DENIED = /AccessDenied|Unauthorized|Forbidden|NotAuthorized|AuthorizationError/;
const THROTTLED = /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown|LimitExceeded|Rate exceeded/i;
const EXPIRED = /ExpiredToken|RequestExpired|TokenRefreshRequired/;
const BAD_CREDENTIALS =
  /InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|InvalidAccessKeyId/;

function describe(err: SdkLikeError): string {
  const name = err.name ?? err.Code ?? 'Error';
  const message = (err.message ?? '').split('\n')[0] ?? '';
  return message && message !== name ? `${name}: ${message}` : name;
}

/**
 * Credential problems stop the whole diagnosis with a clear line; every other failure only degrades
 * the source it happened in.
 */
export function credentialProblem(err: unknown): UserError | undefined {
  const e = err as SdkLikeError;
  const name = e?.name ?? '';
  const profile = /using profile: \[([^\]]+)\]|Profile (\S+) (?:could not be found|was not found)/i.exec(
    e?.message ?? '',
  );
  if (name === 'CredentialsProviderError' && profile) {
    return new UserError(
      `AWS profile "${profile[1] ?? profile[2]}" has no usable credentials in ~/.aws/config or ~/.aws/credentials: check the name (aws configure list-profiles) or run \`aws sso login --profile ${profile[1] ?? profile[2]}\``,
      { cause: err },
    );
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(e?.message ?? '')) {
    return new UserError(
      'no AWS credentials found: set AWS_PROFILE or pass --profile, run `aws sso login`, or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY',
      { cause: err },
    );
  }
  if (EXPIRED.test(name) || /security token included in the request is expired/i.test(e?.message ?? '')) {
    return new UserError(
      'your AWS session token has expired: refresh it (e.g. `aws sso login`) and try again',
      {
        cause: err,
      },
    );
  }
  if (BAD_CREDENTIALS.test(name)) {
    return new UserError(`AWS rejected the credentials (${describe(e)}): check the profile or keys in use`, {
      cause: err,
    });
  }
  return undefined;
}

export function classifyAwsError(err: unknown): { status: SourceStatusKind; detail: string } {
  const e = (err ?? {}) as SdkLikeError;
  const name = e.name ?? e.Code ?? '';
  const status = e.$metadata?.httpStatusCode;
  const detail = describe(e);
  if (THROTTLED.test(name) || THROTTLED.test(e.message ?? '') || status === 429 || status === 503) {
    return { status: 'throttled', detail };
  }
  if (DENIED.test(name) || status === 403) return { status: 'denied', detail };
  if (MISSING.test(name) || status === 404) return { status: 'missing', detail };
  return { status: 'error', detail };
}

export function isNotFound(err: unknown): boolean {
  return classifyAwsError(err).status === 'missing';
}
