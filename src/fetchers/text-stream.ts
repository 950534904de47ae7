import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { LineSink } from '../evidence/collector.js';

const GZIP_MAGIC = [0x1f, 0x8b];

/** Peeks at the first bytes: a gzip stream is gunzipped on the fly, whatever its name. */
async function* maybeGunzip(input: Readable): AsyncGenerator<Buffer> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await iterator.next();
  if (first.done) return;
  const head = Buffer.from(first.value);
  const rest = (async function* () {
    yield head;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield Buffer.from(r.value);
  })();
  if (head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) {
    const gunzip = createGunzip();
    const feed = (async () => {
      try {
        for await (const chunk of rest)
          if (!gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r));
        gunzip.end();
      } catch (err) {
        gunzip.destroy(err as Error);
      }
    })();
    for await (const chunk of gunzip) yield chunk as Buffer;
    await feed;
    return;
  }
  yield* rest;
}

/**
 * Streams bytes into a line sink: decoded as UTF-8 chunk by chunk (bad bytes become U+FFFD), gzip
 * detected by its magic number. Memory stays at a chunk plus one line.
 */
export async function scanStream(input: Readable, sink: LineSink): Promise<number> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let bytes = 0;
  for await (const chunk of maybeGunzip(input)) {
    bytes += chunk.length;
    sink.write(decoder.decode(chunk, { stream: true }));
  }
  const tail = decoder.decode();
  if (tail) sink.write(tail);
  sink.end();
  return bytes;
}
