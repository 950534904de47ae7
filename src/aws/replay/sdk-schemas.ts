import * as glue from '@aws-sdk/client-glue';
import * as emr from '@aws-sdk/client-emr';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import * as cloudwatch from '@aws-sdk/client-cloudwatch';
import * as s3 from '@aws-sdk/client-s3';
import { NormalizedSchema } from '@smithy/core/schema';
import type { ServiceName } from './fixture-schemas.js';

/**
 * The SDK's own static schemas, so that the replay writes exactly what the installed clients read.
 * Each client package exports `<Operation>$` as `[9, namespace, name, traits, input, output]` and
 * `<Error>$` as `[-3, namespace, name, traits, ...]`.
 */
const MODULES: Record<ServiceName, Record<string, unknown>> = { glue, emr, logs, cloudwatch, s3 };

const OPERATION_SCHEMA = 9;
const ERROR_SCHEMA = -3;

export interface OperationInfo {
  service: ServiceName;
  name: string;
  traits: Record<string, unknown>;
  input: NormalizedSchema;
  output: NormalizedSchema;
}

type StaticOperation = [number, string, string, unknown, unknown, unknown];

const operationCache = new Map<string, OperationInfo | null>();

/** The operation's schemas, or undefined when the installed SDK does not know the operation. */
export function findOperation(service: ServiceName, name: string): OperationInfo | undefined {
  const key = `${service}.${name}`;
  let info = operationCache.get(key);
  if (info === undefined) {
    info = readOperation(service, name) ?? null;
    operationCache.set(key, info);
  }
  return info ?? undefined;
}

function readOperation(service: ServiceName, name: string): OperationInfo | undefined {
  const raw = MODULES[service][`${name}$`];
  if (!isStaticOperation(raw)) return undefined;
  try {
    const op = NormalizedSchema.of(raw as never);
    return {
      service,
      name,
      traits: op.getMergedTraits() as Record<string, unknown>,
      input: NormalizedSchema.of(raw[4] as never),
      output: NormalizedSchema.of(raw[5] as never),
    };
  } catch {
    // A schema shape this code does not understand: the caller falls back to passing data through.
    return undefined;
  }
}

function isStaticOperation(raw: unknown): raw is StaticOperation {
  return Array.isArray(raw) && raw[0] === OPERATION_SCHEMA && raw.length >= 6;
}

/** Every operation of a service, for routing requests that carry no operation name (S3 REST). */
export function listOperations(service: ServiceName): OperationInfo[] {
  const names = Object.keys(MODULES[service])
    .filter((key) => key.endsWith('$') && isStaticOperation(MODULES[service][key]))
    .map((key) => key.slice(0, -1));
  return names.map((name) => findOperation(service, name)).filter((op): op is OperationInfo => !!op);
}

export interface ErrorInfo {
  name: string;
  traits: Record<string, unknown>;
}

/** A modeled error of the service, by its name or (query-compatible services) its awsQueryError code. */
export function findError(service: ServiceName, code: string): ErrorInfo | undefined {
  for (const [key, raw] of Object.entries(MODULES[service])) {
    if (!key.endsWith('$') || !Array.isArray(raw) || raw[0] !== ERROR_SCHEMA) continue;
    const traits = NormalizedSchema.of(raw as never).getMergedTraits() as Record<string, unknown>;
    const queryError = traits.awsQueryError as [string, number] | undefined;
    if (raw[2] === code || queryError?.[0] === code) return { name: String(raw[2]), traits };
  }
  return undefined;
}
