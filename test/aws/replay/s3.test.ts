import { gunzipSync } from 'node:zlib';
import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { collect, rejection, useReplay } from './helpers.js';

const replay = useReplay(undefined, { pageSizes: { keys: 3 } });
const Bucket = 'logs-bucket';

describe('GetObject and HeadObject', () => {
  it('serves an object body with its metadata', async () => {
    const out = await replay.aws.s3.send(new GetObjectCommand({ Bucket, Key: 'a.txt' }));
    expect(await out.Body?.transformToString()).toBe('hello replay\n');
    expect(out.ContentLength).toBe(13);
    expect(out.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(out.LastModified).toBeInstanceOf(Date);
  });

  it('serves .gz objects byte for byte', async () => {
    const out = await replay.aws.s3.send(new GetObjectCommand({ Bucket, Key: 'spark-logs/events.gz' }));
    const bytes = await out.Body?.transformToByteArray();
    expect(gunzipSync(Buffer.from(bytes ?? [])).toString()).toContain('SparkListenerApplicationStart');
  });

  it('serves keys with spaces and plus signs', async () => {
    const out = await replay.aws.s3.send(new GetObjectCommand({ Bucket, Key: 'with space/a+b.txt' }));
    expect(await out.Body?.transformToString()).toBe('x');
  });

  it.each([
    ['bytes=2-5', '2345', 'bytes 2-5/20'],
    ['bytes=15-', 'fghij', 'bytes 15-19/20'],
    ['bytes=-3', 'hij', 'bytes 17-19/20'],
    ['bytes=18-100', 'ij', 'bytes 18-19/20'],
  ])('serves the range %s with 206 and Content-Range', async (Range, body, contentRange) => {
    const out = await replay.aws.s3.send(new GetObjectCommand({ Bucket, Key: 'digits.txt', Range }));
    expect(out.$metadata.httpStatusCode).toBe(206);
    expect(out.ContentRange).toBe(contentRange);
    expect(out.ContentLength).toBe(body.length);
    expect(await out.Body?.transformToString()).toBe(body);
  });

  it('refuses a range past the end with InvalidRange', async () => {
    const error = await rejection(
      replay.aws.s3.send(new GetObjectCommand({ Bucket, Key: 'digits.txt', Range: 'bytes=20-' })),
    );
    expect(error.name).toBe('InvalidRange');
    expect(error.$metadata?.httpStatusCode).toBe(416);
  });

  it('heads an object, and a missing key is a bodiless 404 the SDK calls NotFound', async () => {
    const head = await replay.aws.s3.send(new HeadObjectCommand({ Bucket, Key: 'digits.txt' }));
    expect(head.ContentLength).toBe(20);
    const error = await rejection(replay.aws.s3.send(new HeadObjectCommand({ Bucket, Key: 'nope.txt' })));
    expect(error.name).toBe('NotFound');
    expect(error.$metadata?.httpStatusCode).toBe(404);
  });

  it('answers a missing key with NoSuchKey and a missing bucket with NoSuchBucket', async () => {
    const noKey = await rejection(
      replay.aws.s3.send(new GetObjectCommand({ Bucket, Key: 'spark-logs/nope' })),
    );
    expect(noKey.name).toBe('NoSuchKey');
    expect(noKey.$metadata?.httpStatusCode).toBe(404);
    expect(noKey.message).toBe('The specified key does not exist.');
    const noBucket = await rejection(
      replay.aws.s3.send(new GetObjectCommand({ Bucket: 'nope', Key: 'a.txt' })),
    );
    expect(noBucket.name).toBe('NoSuchBucket');
    const noBucketList = await rejection(replay.aws.s3.send(new ListObjectsV2Command({ Bucket: 'nope' })));
    expect(noBucketList.name).toBe('NoSuchBucket');
    const headBucket = await rejection(replay.aws.s3.send(new HeadBucketCommand({ Bucket: 'nope' })));
    expect(headBucket.$metadata?.httpStatusCode).toBe(404);
  });

  it('lets calls.json answer in front of the data', async () => {
    const denied = await rejection(
      replay.aws.s3.send(new GetObjectCommand({ Bucket, Key: 'private/secret.txt' })),
    );
    expect(denied.name).toBe('AccessDenied');
    expect(denied.$metadata?.httpStatusCode).toBe(403);
    const tags = await replay.aws.s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'a.txt' }));
    expect(tags.TagSet).toEqual([{ Key: 'team', Value: 'data' }]);
  });

  it('serves a recorded GetObject from calls.json with its headers', async () => {
    const out = await replay.aws.s3.send(
      new GetObjectCommand({ Bucket: 'recorded-bucket', Key: 'from-calls.txt' }),
    );
    expect(await out.Body?.transformToString()).toBe('served from calls');
    expect(out.ContentType).toBe('text/plain');
    expect(out.Metadata).toEqual({ owner: 'etl' });
    expect(out.LastModified?.toISOString()).toBe('2026-11-20T03:00:00.000Z');
  });

  it('answers a recorded output that cannot be written as HTTP with a 500, and keeps serving', async () => {
    const error = await rejection(
      replay.aws.s3.send(new GetObjectCommand({ Bucket: 'recorded-bucket', Key: 'bad-header.txt' })),
    );
    expect(error.$metadata?.httpStatusCode).toBe(500);
    const out = await replay.aws.s3.send(new GetObjectCommand({ Bucket, Key: 'a.txt' }));
    expect(out.ContentLength).toBe(13);
  });

  it('answers an operation it does not serve with a 400 naming it', async () => {
    const error = await rejection(
      replay.aws.s3.send(new PutObjectCommand({ Bucket, Key: 'new.txt', Body: 'x' })),
    );
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain('s3 PutObject');
  });
});

describe('listing', () => {
  it('lists with a delimiter into keys and common prefixes, paginated', async () => {
    const pages = await collect(paginateListObjectsV2({ client: replay.aws.s3 }, { Bucket, Delimiter: '/' }));
    expect(pages.length).toBe(2);
    expect(pages[0]?.KeyCount).toBe(3);
    expect(pages[0]?.IsTruncated).toBe(true);
    expect(pages.flatMap((page) => page.Contents ?? []).map((object) => object.Key)).toEqual([
      'a.txt',
      'digits.txt',
    ]);
    expect(pages.flatMap((page) => page.CommonPrefixes ?? []).map((prefix) => prefix.Prefix)).toEqual([
      'private/',
      'spark-logs/',
      'with space/',
    ]);
  });

  it('lists under a prefix over continuation tokens, rolling up sub-folders once', async () => {
    const pages = await collect(
      paginateListObjectsV2({ client: replay.aws.s3 }, { Bucket, Prefix: 'spark-logs/', Delimiter: '/' }),
    );
    expect(pages.map((page) => page.KeyCount)).toEqual([3, 3, 3]);
    expect(pages[0]?.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['spark-logs/app-1/']);
    expect(pages.flatMap((page) => page.Contents ?? []).map((object) => object.Key)).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((i) => `spark-logs/eventlog-${i}.txt`),
      'spark-logs/events.gz',
    ]);
    const first = pages[0]?.Contents?.[0];
    expect(first?.Size).toBe(7);
    expect(first?.LastModified).toBeInstanceOf(Date);
    expect(pages.at(-1)?.IsTruncated).toBe(false);
    expect(pages.at(-1)?.NextContinuationToken).toBeUndefined();
  });

  it('lists recursively with max-keys and start-after', async () => {
    const out = await replay.aws.s3.send(
      new ListObjectsV2Command({
        Bucket,
        Prefix: 'spark-logs/',
        StartAfter: 'spark-logs/eventlog-6.txt',
        MaxKeys: 2,
      }),
    );
    expect(out.Contents?.map((object) => object.Key)).toEqual([
      'spark-logs/eventlog-7.txt',
      'spark-logs/events.gz',
    ]);
    expect(out.IsTruncated).toBe(false);
    expect(out.MaxKeys).toBe(2);
  });

  it('refuses a continuation token that is not its own', async () => {
    const error = await rejection(
      replay.aws.s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken: 'garbage' })),
    );
    expect(error.name).toBe('InvalidArgument');
  });

  it('lists with ListObjects (v1) markers, buckets, and an empty bucket', async () => {
    const first = await replay.aws.s3.send(new ListObjectsCommand({ Bucket, Delimiter: '/' }));
    expect(first.IsTruncated).toBe(true);
    const second = await replay.aws.s3.send(
      new ListObjectsCommand({ Bucket, Delimiter: '/', Marker: first.NextMarker }),
    );
    expect(second.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['spark-logs/', 'with space/']);
    const buckets = await replay.aws.s3.send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((bucket) => bucket.Name)).toEqual(['empty-bucket', 'logs-bucket']);
    const empty = await replay.aws.s3.send(new ListObjectsV2Command({ Bucket: 'empty-bucket' }));
    expect(empty.KeyCount).toBe(0);
    expect(empty.Contents).toBeUndefined();
  });
});
