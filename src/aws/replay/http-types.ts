import type { IncomingHttpHeaders } from 'node:http';

/** A request as the protocol handlers see it: parsed enough to route, with the whole body read. */
export interface ReplayRequest {
  method: string;
  /** Path without the query, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ReplayResponse {
  status: number;
  headers: Record<string, string>;
  body?: Buffer | string;
}

/** What a request was, for `requestCount()` and the optional request log. */
export interface RequestRecord {
  service: string;
  operation: string;
  status: number;
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
