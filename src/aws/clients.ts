import { GlueClient } from '@aws-sdk/client-glue';
import { EMRClient } from '@aws-sdk/client-emr';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import { fromIni } from '@aws-sdk/credential-providers';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { UserError } from '../errors.js';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** One shared configuration every AWS client is built from (aws-cdk-cli's SdkProvider, in small). */
export interface AwsConfig {
  region?: string;
  profile?: string;
  endpointUrl?: string;
  /** Static credentials, used for the in-process replay endpoint which checks no signature. */
  credentials?: AwsCredentialIdentity;
  /** Total attempts per call, first one included. */
  maxAttempts?: number;
  /** Fixed delay between attempts; when unset, the SDK's adaptive back-off is used. */
  retryDelayMs?: number;
}

export interface AwsClients {
  readonly config: AwsConfig;
  /** The region from the flag, the environment, or the profile's config file. */
  region(): Promise<string>;
  readonly glue: GlueClient;
  readonly emr: EMRClient;
  readonly logs: CloudWatchLogsClient;
  readonly cloudwatch: CloudWatchClient;
  readonly s3: S3Client;
  destroy(): void;
}

/** Throttled APIs (EMR, Logs) are retried patiently; against a replay endpoint with no delay. */
const DEFAULT_MAX_ATTEMPTS = 6;

function retryDelayFromEnv(): number | undefined {
  const raw = process.env.ETL_DOCTOR_RETRY_DELAY_MS;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function sharedClientConfig(config: AwsConfig, region: string | undefined) {
  const maxAttempts = config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const delay = config.retryDelayMs ?? retryDelayFromEnv();
  const credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined =
    config.credentials ?? (config.profile ? fromIni({ profile: config.profile }) : undefined);
  return {
    ...(region ? { region } : {}),
    ...(config.endpointUrl ? { endpoint: config.endpointUrl } : {}),
    ...(credentials ? { credentials } : {}),
    ...(delay !== undefined
      ? { retryStrategy: new ConfiguredRetryStrategy(maxAttempts, () => delay) }
      : { retryMode: 'adaptive', maxAttempts }),
  };
}

/** Region from the flag, else the environment, else the profile's config (resolved by the SDK). */
export function resolveRegion(config: AwsConfig): string | undefined {
  return config.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
}

/** Builds every client the tool uses. Nothing else in the code base calls `new XClient`. */
export function createClients(config: AwsConfig): AwsClients {
  const region = resolveRegion(config);
  const shared = sharedClientConfig(config, region);
  const withProfile = config.profile && !config.credentials ? { profile: config.profile } : {};
  const base = { ...shared, ...withProfile };
  let glue: GlueClient | undefined;
  let emr: EMRClient | undefined;
  let logs: CloudWatchLogsClient | undefined;
  let cloudwatch: CloudWatchClient | undefined;
  let s3: S3Client | undefined;
  let resolved: string | undefined = region;
  return {
    config,
    async region() {
      if (resolved) return resolved;
      try {
        resolved = await this.glue.config.region();
      } catch {
        throw new UserError(
          'no AWS region: pass --region, set AWS_REGION, or set a region in your AWS profile',
        );
      }
      return resolved;
    },
    get glue() {
      return (glue ??= new GlueClient(base));
    },
    get emr() {
      return (emr ??= new EMRClient(base));
    },
    get logs() {
      return (logs ??= new CloudWatchLogsClient(base));
    },
    get cloudwatch() {
      return (cloudwatch ??= new CloudWatchClient(base));
    },
    get s3() {
      // Path-style so that a loopback endpoint (the replay, LocalStack) serves every bucket.
      return (s3 ??= new S3Client({ ...base, forcePathStyle: Boolean(config.endpointUrl) }));
    },
    destroy() {
      for (const client of [glue, emr, logs, cloudwatch, s3]) client?.destroy();
    },
  };
}

/** Credentials for the replay endpoint, which ignores signatures. */
export const REPLAY_CREDENTIALS: AwsCredentialIdentity = {
  accessKeyId: 'AKIAETLDOCTORREPLAY',
  secretAccessKey: 'replay-secret-not-checked',
};
