import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallBook } from './calls.js';
import { DEFAULT_ACCOUNT, DEFAULT_REGION, type ReplayContext } from './context.js';
import { loadFixture, type Fixture } from './fixture.js';
import { headerValue, type ReplayRequest, type ReplayResponse, type RequestRecord } from './http-types.js';
import { handleJsonRequest, jsonError, parseTarget } from './json-protocol.js';
import { resolvePageSizes, type PageSizes } from './page-sizes.js';
import { asReplayError, ReplayError } from './replay-error.js';
import { handleS3Request, s3Error } from './s3-protocol.js';
import { S3Store } from './s3-store.js';

/**
 * The replay endpoint: a loopback HTTP server that answers the AWS SDK from a fixture folder in each
 * service's real wire protocol. A request with `X-Amz-Target` is JSON RPC (Glue, EMR, Logs,
 * CloudWatch); anything else is S3.
 */
export interface ReplayServer {
  /** `http://127.0.0.1:<port>`: give it to createClients({ endpointUrl }). */
  url: string;
  port: number;
  fixture: Fixture;
  /** Requests answered so far, errors included. */
  requestCount(): number;
  close(): Promise<void>;
}

export interface ReplayServerOptions {
  /** A loopback address; default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** One page size for every listing (events, streams, keys...); else ETL_DOCTOR_REPLAY_PAGE_SIZE, else small defaults. */
  pageSize?: number;
  /** Page sizes per kind, over pageSize. */
  pageSizes?: Partial<PageSizes>;
  /** Called after each request is answered (serve-fixture prints them). */
  onRequest?: (record: RequestRecord) => void;
}

/** A body larger than this is refused: no request a diagnosis makes comes near it. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

export async function startReplayServer(
  fixture: Fixture | string,
  options: ReplayServerOptions = {},
): Promise<ReplayServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host)) throw new Error(`The replay listens on loopback only, not on ${host}`);
  const loaded = typeof fixture === 'string' ? await loadFixture(fixture) : fixture;
  const ctx = createContext(loaded, options);
  let count = 0;
  const server = createServer((req, res) => {
    count += 1;
    void serve(req, res, ctx, options.onRequest);
  });
  // Idle keep-alive sockets of SDK clients must not keep a test process alive.
  server.keepAliveTimeout = 1000;
  await listen(server, host, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    fixture: loaded,
    requestCount: () => count,
    close: () => close(server),
  };
}

function createContext(fixture: Fixture, options: ReplayServerOptions): ReplayContext {
  return {
    fixture,
    calls: new CallBook(fixture.calls),
    pageSizes: resolvePageSizes(options.pageSize, options.pageSizes),
    region: fixture.scenario?.region ?? DEFAULT_REGION,
    account: fixture.scenario?.account ?? DEFAULT_ACCOUNT,
    s3: new S3Store(fixture.s3Dir),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Closes at once, dropping the keep-alive connections SDK clients hold open. */
function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ReplayContext,
  onRequest: ReplayServerOptions['onRequest'],
): Promise<void> {
  const target = headerValue(req.headers, 'x-amz-target');
  let record: RequestRecord = { service: target ? 'unknown' : 's3', operation: target ?? '', status: 500 };
  let response: ReplayResponse;
  try {
    const request = await readRequest(req);
    ({ record, response } = await dispatch(request, target, ctx));
  } catch (error) {
    response = errorResponse(req, target, error);
  }
  record = { ...record, status: response.status };
  try {
    write(res, response);
  } catch (error) {
    // A fixture value that cannot be a header (e.g. a control character) must not crash the replay.
    record = { ...record, status: 500 };
    if (res.headersSent) res.destroy();
    else write(res, errorResponse(req, target, error));
  }
  try {
    onRequest?.(record);
  } catch {
    // A logging hook's failure is not the client's problem.
  }
}

function errorResponse(req: IncomingMessage, target: string | undefined, error: unknown): ReplayResponse {
  const replayError = asReplayError(error);
  return target
    ? jsonError(parseTarget(target)?.service ?? 'glue', replayError)
    : s3Error(req.method ?? 'GET', replayError);
}

async function dispatch(
  request: ReplayRequest,
  target: string | undefined,
  ctx: ReplayContext,
): Promise<{ record: RequestRecord; response: ReplayResponse }> {
  if (target === undefined) {
    const scoped = scopeService(request);
    if (scoped && scoped !== 's3') {
      return { record: { service: scoped, operation: '', status: 400 }, response: missingTarget(scoped) };
    }
    const { operation, response } = await handleS3Request(request, ctx);
    return { record: { service: 's3', operation, status: response.status }, response };
  }
  const parsed = parseTarget(target);
  if (!parsed) {
    const error = new ReplayError(
      'UnknownOperationException',
      `The replay serves Glue, EMR, CloudWatch Logs, CloudWatch and S3; it does not serve X-Amz-Target ${target}`,
    );
    return {
      record: { service: 'unknown', operation: target, status: 400 },
      response: jsonError('glue', error),
    };
  }
  const response = await handleJsonRequest(request, parsed, ctx);
  return { record: { ...parsed, status: response.status }, response };
}

/**
 * The service a SigV4 credential scope (`Credential=AKID/date/region/service/aws4_request`) names: a
 * request with no X-Amz-Target that was signed for another service is not S3 (e.g. CloudWatch over
 * the query protocol), and gets a clear 400 instead of an S3 routing error.
 */
export function scopeService(request: ReplayRequest): string | undefined {
  const authorization = headerValue(request.headers, 'authorization') ?? '';
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization)?.[1];
}

function missingTarget(service: string): ReplayResponse {
  const error = new ReplayError(
    'UnknownOperationException',
    `A ${service} request without X-Amz-Target: the replay serves the JSON protocols (and S3) only`,
  );
  return jsonError('glue', error);
}

async function readRequest(req: IncomingMessage): Promise<ReplayRequest> {
  // Split by hand: `new URL('//x/y', base)` would read a path starting with `//` as a host.
  const target = req.url ?? '/';
  const question = target.indexOf('?');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new ReplayError('RequestEntityTooLarge', 'The request body is too large.', 413);
    chunks.push(chunk as Buffer);
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: question === -1 ? target : target.slice(0, question),
    query: new URLSearchParams(question === -1 ? '' : target.slice(question + 1)),
    headers: req.headers,
    body: Buffer.concat(chunks),
  };
}

function write(res: ServerResponse, response: ReplayResponse): void {
  const body = response.body === undefined ? undefined : Buffer.from(response.body);
  const headers: Record<string, string> = { date: new Date().toUTCString(), ...response.headers };
  // A body's own length always wins; HeadObject carries the object's Content-Length without one.
  if (body !== undefined) headers['content-length'] = String(body.length);
  else headers['content-length'] ??= '0';
  res.writeHead(response.status, headers);
  res.end(body);
}
