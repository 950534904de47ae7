import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { canonicalParams } from './calls.js';
import type { ReplayContext } from './context.js';
import type { ServiceName } from './fixture.js';
import { headerValue, type ReplayRequest, type ReplayResponse } from './http-types.js';
import { logsHandlers } from './logs-data.js';
import { metricsHandlers } from './metrics-data.js';
import { asReplayError, noAnswerMessage, REPLAY_NO_ANSWER_CODE, ReplayError } from './replay-error.js';
import { findError, findOperation } from './sdk-schemas.js';
import { isPlainObject, toJsonWire } from './timestamps.js';

/**
 * The JSON RPC protocols: Glue, EMR and CloudWatch Logs speak awsJson1_1; CloudWatch (metrics)
 * speaks awsJson1_0 in awsQueryCompatible mode in the installed SDK (see AwsJsonRpcProtocol in
 * @aws-sdk/core/protocols). A request names its operation in `X-Amz-Target: <prefix>.<Operation>`.
 */
const TARGET_PREFIXES: Record<string, ServiceName> = {
  AWSGlue: 'glue',
  ElasticMapReduce: 'emr',
  Logs_20140328: 'logs',
  GraniteServiceVersion20100801: 'cloudwatch',
};

const JSON_VERSION: Partial<Record<ServiceName, string>> = {
  glue: '1.1',
  emr: '1.1',
  logs: '1.1',
  cloudwatch: '1.0',
};

/** Data handlers return the output in fixture form (ISO timestamps), or throw a ReplayError. */
export type DataHandler = (
  params: Record<string, unknown>,
  ctx: ReplayContext,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

const DATA_HANDLERS: Partial<Record<ServiceName, Record<string, DataHandler>>> = {
  logs: logsHandlers,
  cloudwatch: metricsHandlers,
};

/** The AWS error for a resource the fixture lacks, where the service has one (fixture-format.md). */
const MISSING_RESOURCE_CODE: Partial<Record<ServiceName, string>> = {
  glue: 'EntityNotFoundException',
  emr: 'InvalidRequestException',
};

export interface JsonTarget {
  service: ServiceName;
  operation: string;
}

/** The service and operation an `X-Amz-Target` names, or undefined for a prefix not replayed. */
export function parseTarget(target: string): JsonTarget | undefined {
  const dot = target.lastIndexOf('.');
  const service = TARGET_PREFIXES[target.slice(0, dot)];
  const operation = target.slice(dot + 1);
  return dot > 0 && service && operation ? { service, operation } : undefined;
}

export async function handleJsonRequest(
  req: ReplayRequest,
  target: JsonTarget,
  ctx: ReplayContext,
): Promise<ReplayResponse> {
  const { service, operation } = target;
  try {
    const params = parseBody(req);
    const output = await answer(service, operation, params, ctx);
    const op = findOperation(service, operation);
    const body = op ? toJsonWire(op.output, output) : output;
    return { status: 200, headers: jsonHeaders(service), body: JSON.stringify(body) };
  } catch (error) {
    return jsonError(service, asReplayError(error));
  }
}

async function answer(
  service: ServiceName,
  operation: string,
  params: Record<string, unknown>,
  ctx: ReplayContext,
): Promise<Record<string, unknown>> {
  const canonical = canonicalParams(service, operation, params);
  const entry = ctx.calls.take(service, operation, canonical);
  if (entry?.error) {
    const { code, message = code, status = 400 } = entry.error;
    throw new ReplayError(code, message, status);
  }
  if (entry) return entry.output ?? {};
  const handler = DATA_HANDLERS[service]?.[operation];
  if (handler) return handler(canonical, ctx);
  if (!findOperation(service, operation)) {
    throw new ReplayError('UnknownOperationException', `${service} has no operation ${operation}`);
  }
  const code = MISSING_RESOURCE_CODE[service] ?? REPLAY_NO_ANSWER_CODE;
  throw new ReplayError(code, noAnswerMessage(service, operation, params));
}

function parseBody(req: ReplayRequest): Record<string, unknown> {
  let bytes = req.body;
  if (/gzip/i.test(headerValue(req.headers, 'content-encoding') ?? '')) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new ReplayError('SerializationException', 'The request body is not valid gzip.');
    }
  }
  const text = bytes.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ReplayError('SerializationException', 'The request body is not valid JSON.');
  }
  if (!isPlainObject(parsed)) {
    throw new ReplayError('SerializationException', 'The request body must be a JSON object.');
  }
  return parsed;
}

function jsonHeaders(service: ServiceName): Record<string, string> {
  return {
    'content-type': `application/x-amz-json-${JSON_VERSION[service] ?? '1.1'}`,
    'x-amzn-requestid': randomUUID(),
  };
}

/**
 * `{"__type": code, "message": ...}` plus `x-amzn-ErrorType`. CloudWatch clients read the code from
 * `x-amzn-query-error: <awsQueryError code>;Sender` first, and map it back to the modeled error
 * (InvalidParameterValue -> InvalidParameterValueException), as they do against AWS.
 */
export function jsonError(service: ServiceName, error: ReplayError): ReplayResponse {
  const headers: Record<string, string> = { ...jsonHeaders(service), 'x-amzn-errortype': error.code };
  if (service === 'cloudwatch') {
    const modeled = findError('cloudwatch', error.code);
    const queryCode = (modeled?.traits.awsQueryError as [string, number] | undefined)?.[0] ?? error.code;
    headers['x-amzn-query-error'] = `${queryCode};${error.status >= 500 ? 'Receiver' : 'Sender'}`;
  }
  return {
    status: error.status,
    headers,
    body: JSON.stringify({ __type: error.code, message: error.message, ...error.extra }),
  };
}
