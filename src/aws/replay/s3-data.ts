import type { ReplayContext } from './context.js';
import { pageLimit } from './page-sizes.js';
import { ReplayError } from './replay-error.js';
import { listObjects, type ListMarker, type ListPage } from './s3-listing.js';
import type { S3Route } from './s3-routes.js';
import type { S3Object } from './s3-store.js';
import { decodeToken, encodeToken } from './tokens.js';

/**
 * S3 operations answered from the s3/ folder. Each returns the SDK output shape (xml-writer.ts
 * turns it into headers and XML) and, for a partial GetObject, the 206 status.
 */
export interface S3Answer {
  output: Record<string, unknown>;
  status?: number;
}

type S3Handler = (route: S3Route, ctx: ReplayContext) => Promise<S3Answer>;

export const s3Handlers: Record<string, S3Handler> = {
  GetObject: (route, ctx) => readObject(route, ctx, true),
  HeadObject: (route, ctx) => readObject(route, ctx, false),
  ListObjectsV2: listObjectsV2,
  ListObjects: listObjectsV1,
  HeadBucket: headBucket,
  ListBuckets: listBuckets,
};

export function noSuchBucket(bucket: string): ReplayError {
  return new ReplayError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });
}

async function requireBucket(route: S3Route, ctx: ReplayContext): Promise<S3Object[]> {
  const bucket = route.bucket ?? '';
  const objects = await ctx.s3.bucket(bucket);
  if (!objects) throw noSuchBucket(bucket);
  return objects;
}

async function readObject(route: S3Route, ctx: ReplayContext, withBody: boolean): Promise<S3Answer> {
  const objects = await requireBucket(route, ctx);
  const object = objects.find((candidate) => candidate.key === route.key);
  if (!object) {
    throw new ReplayError('NoSuchKey', 'The specified key does not exist.', 404, { Key: route.key ?? '' });
  }
  const range = parseRange(route.params.Range, object.size);
  const output: Record<string, unknown> = {
    AcceptRanges: 'bytes',
    LastModified: object.lastModified,
    ContentLength: range ? range.end - range.start + 1 : object.size,
    ETag: await ctx.s3.etag(object),
    // What S3 stores for an object uploaded without a type; .gz bodies are served as they are.
    ContentType: 'binary/octet-stream',
    ...(range ? { ContentRange: `bytes ${range.start}-${range.end}/${object.size}` } : {}),
  };
  if (withBody) {
    const bytes = await ctx.s3.body(object);
    output.Body = range ? bytes.subarray(range.start, range.end + 1) : bytes;
  }
  return { output, ...(range ? { status: 206 } : {}) };
}

/**
 * A single `bytes=a-b`, `bytes=a-` or `bytes=-n` range. Like S3, a header it cannot parse (or a
 * multi-range) is ignored and the whole object is served; a range past the end is a 416.
 */
export function parseRange(header: unknown, size: number): { start: number; end: number } | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first = '', last = ''] = match;
  let start: number;
  let end: number;
  if (first === '') {
    start = Math.max(0, size - Number(last));
    end = size - 1;
    if (Number(last) === 0) throw invalidRange(size);
  } else {
    start = Number(first);
    end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
    if (last !== '' && Number(last) < start) return undefined;
  }
  if (start >= size) throw invalidRange(size);
  return { start, end };
}

function invalidRange(size: number): ReplayError {
  return new ReplayError('InvalidRange', 'The requested range is not satisfiable', 416, {
    ActualObjectSize: String(size),
  });
}

function invalidToken(): ReplayError {
  return new ReplayError('InvalidArgument', 'The continuation token provided is incorrect', 400, {
    ArgumentName: 'continuation-token',
  });
}

interface ListRequest {
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  encode: (text: string) => string;
}

function listRequest(route: S3Route, ctx: ReplayContext): ListRequest {
  const { Prefix, Delimiter, MaxKeys, EncodingType } = route.params;
  const maxKeys = MaxKeys === 0 ? 0 : pageLimit(MaxKeys, ctx.pageSizes.keys);
  return {
    prefix: typeof Prefix === 'string' ? Prefix : '',
    ...(typeof Delimiter === 'string' && Delimiter !== '' ? { delimiter: Delimiter } : {}),
    maxKeys,
    // With encoding-type=url (the AWS CLI asks for it) S3 percent-encodes keys and prefixes.
    encode: EncodingType === 'url' ? (text) => encodeURIComponent(text).replace(/%2F/g, '/') : (text) => text,
  };
}

async function contentsOf(page: ListPage, request: ListRequest, ctx: ReplayContext) {
  return Promise.all(
    page.contents.map(async (object) => ({
      Key: request.encode(object.key),
      LastModified: object.lastModified,
      ETag: await ctx.s3.etag(object),
      Size: object.size,
      StorageClass: 'STANDARD',
    })),
  );
}

function sharedListFields(route: S3Route, request: ListRequest, page: ListPage) {
  return {
    Name: route.bucket,
    Prefix: request.encode(request.prefix),
    ...(request.delimiter ? { Delimiter: request.encode(request.delimiter) } : {}),
    MaxKeys: request.maxKeys,
    IsTruncated: page.truncated,
    CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: request.encode(prefix) })),
    ...(route.params.EncodingType === 'url' ? { EncodingType: 'url' } : {}),
  };
}

async function listObjectsV2(route: S3Route, ctx: ReplayContext): Promise<S3Answer> {
  const objects = await requireBucket(route, ctx);
  const request = listRequest(route, ctx);
  const { ContinuationToken, StartAfter } = route.params;
  const token = decodeToken<{ m?: unknown; p?: unknown }>('ListObjectsV2', ContinuationToken, invalidToken);
  if (token && (typeof token.m !== 'string' || typeof token.p !== 'boolean')) throw invalidToken();
  const after: ListMarker | undefined = token
    ? { value: token.m as string, isPrefix: token.p as boolean }
    : typeof StartAfter === 'string' && StartAfter !== ''
      ? { value: StartAfter, isPrefix: false }
      : undefined;
  const page = listObjects(objects, { ...request, ...(after ? { after } : {}) });
  const contents = await contentsOf(page, request, ctx);
  return {
    output: {
      ...sharedListFields(route, request, page),
      Contents: contents,
      KeyCount: contents.length + page.commonPrefixes.length,
      ...(typeof ContinuationToken === 'string' ? { ContinuationToken } : {}),
      ...(page.last
        ? {
            NextContinuationToken: encodeToken('ListObjectsV2', {
              m: page.last.value,
              p: page.last.isPrefix,
            }),
          }
        : {}),
      ...(typeof StartAfter === 'string' ? { StartAfter: request.encode(StartAfter) } : {}),
    },
  };
}

/** ListObjects (v1) pages by Marker; NextMarker is always given when truncated, to spare clients the guess. */
async function listObjectsV1(route: S3Route, ctx: ReplayContext): Promise<S3Answer> {
  const objects = await requireBucket(route, ctx);
  const request = listRequest(route, ctx);
  const marker = typeof route.params.Marker === 'string' ? route.params.Marker : '';
  // A marker that is a rolled-up prefix skips everything under it, as S3 does.
  const isPrefix = Boolean(request.delimiter && marker.endsWith(request.delimiter));
  const page = listObjects(objects, {
    ...request,
    ...(marker ? { after: { value: marker, isPrefix } } : {}),
  });
  return {
    output: {
      ...sharedListFields(route, request, page),
      Marker: request.encode(marker),
      Contents: await contentsOf(page, request, ctx),
      ...(page.last ? { NextMarker: request.encode(page.last.value) } : {}),
    },
  };
}

async function headBucket(route: S3Route, ctx: ReplayContext): Promise<S3Answer> {
  await requireBucket(route, ctx);
  return { output: { BucketRegion: ctx.region } };
}

async function listBuckets(_route: S3Route, ctx: ReplayContext): Promise<S3Answer> {
  const names = await ctx.s3.bucketNames();
  return {
    output: {
      Buckets: names.map((Name) => ({ Name, CreationDate: new Date(0), BucketRegion: ctx.region })),
      Owner: { ID: ctx.account },
    },
  };
}
