import { randomBytes, randomUUID } from 'node:crypto';
import type { ReplayContext } from './context.js';
import type { ReplayRequest, ReplayResponse } from './http-types.js';
import { asReplayError, noAnswerMessage, REPLAY_NO_ANSWER_CODE, ReplayError } from './replay-error.js';
import { noSuchBucket, s3Handlers } from './s3-data.js';
import { routeS3, type S3Route } from './s3-routes.js';
import { escapeXml, restXmlResponse } from './xml-writer.js';

/**
 * S3 over REST-XML, path-style. calls.json answers first (so a fixture can inject AccessDenied in
 * front of an object), then the s3/ folder. Errors are `<Error><Code>...` documents, except that a
 * HEAD response has no body at all: the SDK then names a 404 `NotFound`, as it does against AWS.
 */
export interface S3Result {
  operation: string;
  response: ReplayResponse;
}

export async function handleS3Request(req: ReplayRequest, ctx: ReplayContext): Promise<S3Result> {
  let operation = `${req.method} ${req.path}`;
  try {
    const route = routeS3(req);
    if (!route) {
      throw new ReplayError(
        REPLAY_NO_ANSWER_CODE,
        `The replay does not serve the S3 request ${req.method} ${req.path}`,
      );
    }
    operation = route.op.name;
    return { operation, response: await answer(route, ctx) };
  } catch (error) {
    return { operation, response: s3Error(req.method, asReplayError(error)) };
  }
}

async function answer(route: S3Route, ctx: ReplayContext): Promise<ReplayResponse> {
  const entry = ctx.calls.take('s3', route.op.name, route.params);
  if (entry?.error) {
    const { code, message = code, status = 400 } = entry.error;
    throw new ReplayError(code, message, status);
  }
  if (entry) {
    const output = entry.output ?? {};
    const partial = route.op.name === 'GetObject' && output.ContentRange !== undefined;
    return withS3Headers(restXmlResponse(route.op, output, partial ? 206 : undefined));
  }
  const handler = s3Handlers[route.op.name];
  if (handler) {
    const { output, status } = await handler(route, ctx);
    return withS3Headers(restXmlResponse(route.op, output, status));
  }
  if (route.bucket !== undefined && !(await ctx.s3.bucket(route.bucket))) throw noSuchBucket(route.bucket);
  throw new ReplayError(REPLAY_NO_ANSWER_CODE, noAnswerMessage('s3', route.op.name, route.params));
}

function withS3Headers(response: ReplayResponse): ReplayResponse {
  return { ...response, headers: { ...s3Headers(), ...response.headers } };
}

function s3Headers(): Record<string, string> {
  return { 'x-amz-request-id': randomUUID(), 'x-amz-id-2': randomBytes(24).toString('base64') };
}

export function s3Error(method: string, error: ReplayError): ReplayResponse {
  const headers = s3Headers();
  if (method === 'HEAD') return { status: error.status, headers };
  const extra = Object.entries(error.extra)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>${extra}` +
    `<RequestId>${headers['x-amz-request-id']}</RequestId><HostId>${headers['x-amz-id-2']}</HostId></Error>`;
  return { status: error.status, headers: { ...headers, 'content-type': 'application/xml' }, body };
}
