import { Decompress as ZstdDecompress } from 'fzstd';
import * as zlib from 'node:zlib';
import type { Transform } from 'node:stream';

/**
 * Streaming decompression of the codecs Spark writes event logs with (`spark.eventLog.compression.codec`):
 * gzip, zstd, lz4 (lz4-java's LZ4BlockOutputStream framing), snappy (snappy-java's SnappyOutputStream
 * framing, and the standard snappy framing format) and lzf (ning-compress chunks). Pure TypeScript but
 * for gzip (node:zlib) and zstd (node:zlib from Node 22.15, else fzstd).
 * Memory stays at one compressed block plus its output (Spark's blocks are 32 KiB by default).
 */
export type Codec = 'none' | 'gzip' | 'zstd' | 'lz4' | 'snappy' | 'lzf';

export class UnsupportedCodecError extends Error {
  constructor(
    readonly codec: Codec,
    reason: string,
  ) {
    super(`${codec}-compressed data cannot be read here: ${reason}`);
    this.name = 'UnsupportedCodecError';
  }
}

export class CorruptDataError extends Error {
  constructor(codec: Codec, what: string) {
    super(`corrupt ${codec} data: ${what}`);
    this.name = 'CorruptDataError';
  }
}

const LZ4_MAGIC = Buffer.from('LZ4Block', 'latin1');
const SNAPPY_JAVA_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const SNAPPY_FRAMED_MAGIC = Buffer.from([0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59]);
const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
/** A block larger than this is corrupt data, not a real block (Spark's default is 32 KiB). */
const MAX_BLOCK = 64 * 1024 * 1024;

const EXTENSIONS: Record<string, Codec> = {
  gz: 'gzip',
  gzip: 'gzip',
  zst: 'zstd',
  zstd: 'zstd',
  lz4: 'lz4',
  snappy: 'snappy',
  lzf: 'lzf',
};

/** The codec a Spark event log file name says (`app-1.lz4`, `events_1_app-1.zstd`, `x.gz`). */
export function codecFromName(name: string): Codec | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name.replace(/\.inprogress$/, ''))?.[1]?.toLowerCase();
  return ext ? EXTENSIONS[ext] : undefined;
}

/** The codec the first bytes show, when they show one. */
export function codecFromMagic(head: Uint8Array): Codec | undefined {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (startsWith(b, ZSTD_MAGIC)) return 'zstd';
  if (startsWith(b, LZ4_MAGIC)) return 'lz4';
  if (startsWith(b, SNAPPY_JAVA_MAGIC) || startsWith(b, SNAPPY_FRAMED_MAGIC)) return 'snappy';
  if (b.length >= 3 && b[0] === 0x5a && b[1] === 0x56 && (b[2] === 0 || b[2] === 1)) return 'lzf';
  return undefined;
}

function startsWith(b: Buffer, magic: Buffer): boolean {
  return b.length >= magic.length && b.subarray(0, magic.length).equals(magic);
}

/** zstd is always decodable: node:zlib has it from 22.15, and fzstd (pure JS) covers Node 20. */
export function zstdAvailable(): boolean {
  return true;
}

/** Streams zstd through fzstd, chunk by chunk, for Nodes without a zlib zstd decoder. */
async function* zstdStream(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const out: Buffer[] = [];
  const decoder = new ZstdDecompress((chunk) => out.push(Buffer.from(chunk)));
  for await (const chunk of input) {
    decoder.push(chunk);
    while (out.length > 0) yield out.shift()!;
  }
  decoder.push(new Uint8Array(0), true);
  while (out.length > 0) yield out.shift()!;
}

/** Codecs this process can decode, for messages. */
export function supportedCodecs(): Codec[] {
  return ['gzip', ...(zstdAvailable() ? (['zstd'] as const) : []), 'lz4', 'snappy', 'lzf'];
}

/**
 * Decompresses a byte stream. The codec is taken from the magic number when there is one, else from
 * `hint` (the file name); data with neither is passed through. Reports the codec it used.
 */
export async function* decompress(
  input: AsyncIterable<Uint8Array>,
  hint?: Codec,
  onCodec?: (codec: Codec) => void,
): AsyncGenerator<Buffer> {
  const reader = new ByteReader(input);
  const head = await reader.peek(16);
  const codec = codecFromMagic(head) ?? (hint && hint !== 'none' && head.length > 0 ? hint : 'none');
  onCodec?.(codec);
  switch (codec) {
    case 'none':
      yield* reader.rest();
      return;
    case 'gzip':
      yield* throughZlib(reader.rest(), zlib.createGunzip());
      return;
    case 'zstd': {
      const create = (zlib as unknown as Record<string, unknown>).createZstdDecompress as
        (() => Transform) | undefined;
      yield* create ? throughZlib(reader.rest(), create()) : zstdStream(reader.rest());
      return;
    }
    case 'lz4':
      yield* lz4BlockStream(reader);
      return;
    case 'snappy':
      yield* startsWith(head, SNAPPY_FRAMED_MAGIC) ? snappyFramedStream(reader) : snappyJavaStream(reader);
      return;
    case 'lzf':
      yield* lzfStream(reader);
      return;
  }
}

/** Feeds a zlib transform with backpressure and yields what it produces. */
async function* throughZlib(input: AsyncIterable<Buffer>, transform: Transform): AsyncGenerator<Buffer> {
  const feed = (async () => {
    try {
      for await (const chunk of input) {
        if (!transform.write(chunk)) await new Promise((resolve) => transform.once('drain', resolve));
      }
      transform.end();
    } catch (err) {
      transform.destroy(err as Error);
    }
  })();
  try {
    for await (const chunk of transform) yield chunk as Buffer;
  } finally {
    transform.destroy();
  }
  await feed;
}

/** Reads exact byte counts from an async stream of chunks. */
export class ByteReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private buffered: Buffer[] = [];
  private size = 0;
  private done = false;

  constructor(input: AsyncIterable<Uint8Array>) {
    this.iterator = input[Symbol.asyncIterator]();
  }

  private async fill(n: number): Promise<void> {
    while (this.size < n && !this.done) {
      const r = await this.iterator.next();
      if (r.done) {
        this.done = true;
        break;
      }
      const chunk = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
      if (chunk.length === 0) continue;
      this.buffered.push(chunk);
      this.size += chunk.length;
    }
  }

  /** Up to n bytes without consuming them. */
  async peek(n: number): Promise<Buffer> {
    await this.fill(n);
    const all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered);
    this.buffered = all.length > 0 ? [all] : [];
    return all.subarray(0, Math.min(n, all.length));
  }

  /** Exactly n bytes, or undefined at a clean end; a short read throws. */
  async read(n: number, codec: Codec): Promise<Buffer | undefined> {
    await this.fill(n);
    if (this.size === 0 && this.done) return undefined;
    if (this.size < n)
      throw new CorruptDataError(codec, `stream ends inside a block (${this.size} of ${n} bytes)`);
    const all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.buffered = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
    return out;
  }

  async atEnd(): Promise<boolean> {
    await this.fill(1);
    return this.size === 0;
  }

  async *rest(): AsyncGenerator<Buffer> {
    for (const chunk of this.buffered) yield chunk;
    this.buffered = [];
    this.size = 0;
    while (!this.done) {
      const r = await this.iterator.next();
      if (r.done) break;
      yield Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
    }
    this.done = true;
  }
}

// ---- LZ4 (lz4-java LZ4BlockOutputStream, what Spark's LZ4CompressionCodec writes) ----

const LZ4_METHOD_RAW = 0x10;
const LZ4_METHOD_LZ4 = 0x20;

async function* lz4BlockStream(reader: ByteReader): AsyncGenerator<Buffer> {
  for (;;) {
    const header = await reader.read(21, 'lz4');
    if (!header) return;
    if (!header.subarray(0, 8).equals(LZ4_MAGIC)) throw new CorruptDataError('lz4', 'missing LZ4Block magic');
    const method = header[8]! & 0xf0;
    const compressedLen = header.readInt32LE(9);
    const originalLen = header.readInt32LE(13);
    if (compressedLen < 0 || originalLen < 0 || compressedLen > MAX_BLOCK || originalLen > MAX_BLOCK) {
      throw new CorruptDataError('lz4', 'block length out of range');
    }
    if (originalLen === 0) {
      // End mark of one stream; a concatenated stream may follow.
      if (await reader.atEnd()) return;
      continue;
    }
    const body = await reader.read(compressedLen, 'lz4');
    if (!body) throw new CorruptDataError('lz4', 'stream ends after a block header');
    if (method === LZ4_METHOD_RAW) {
      yield body;
    } else if (method === LZ4_METHOD_LZ4) {
      yield lz4DecodeBlock(body, originalLen);
    } else {
      throw new CorruptDataError('lz4', `unknown block method 0x${method.toString(16)}`);
    }
  }
}

/** Decodes one raw LZ4 block (the LZ4 block format, no frame). */
export function lz4DecodeBlock(src: Uint8Array, originalLen: number): Buffer {
  const dst = Buffer.allocUnsafe(originalLen);
  let s = 0;
  let d = 0;
  const bad = (what: string) => new CorruptDataError('lz4', what);
  while (s < src.length) {
    const token = src[s++]!;
    let literals = token >>> 4;
    if (literals === 15) {
      let b: number;
      do {
        if (s >= src.length) throw bad('literal length runs past the block');
        b = src[s++]!;
        literals += b;
      } while (b === 255);
    }
    if (s + literals > src.length || d + literals > originalLen) throw bad('literals run past the block');
    dst.set(src.subarray(s, s + literals), d);
    s += literals;
    d += literals;
    if (s >= src.length) break;
    if (s + 2 > src.length) throw bad('match offset runs past the block');
    const offset = src[s]! | (src[s + 1]! << 8);
    s += 2;
    if (offset === 0 || offset > d) throw bad('match offset points before the output');
    let length = token & 15;
    if (length === 15) {
      let b: number;
      do {
        if (s >= src.length) throw bad('match length runs past the block');
        b = src[s++]!;
        length += b;
      } while (b === 255);
    }
    length += 4;
    if (d + length > originalLen) throw bad('match runs past the declared size');
    copyMatch(dst, d, offset, length);
    d += length;
  }
  if (d !== originalLen) throw bad(`block decodes to ${d} bytes, header says ${originalLen}`);
  return dst;
}

/** Copies an LZ77 match that may overlap its own output. */
function copyMatch(dst: Buffer, d: number, offset: number, length: number): void {
  const from = d - offset;
  if (offset >= length) {
    dst.copy(dst, d, from, from + length);
    return;
  }
  for (let i = 0; i < length; i++) dst[d + i] = dst[from + i]!;
}

// ---- Snappy ----

/** snappy-java's SnappyOutputStream: a 16-byte header, then [int32 BE length][raw snappy block]... */
async function* snappyJavaStream(reader: ByteReader): AsyncGenerator<Buffer> {
  for (;;) {
    const head = await reader.peek(8);
    if (head.length === 0) return;
    if (startsWith(head, SNAPPY_JAVA_MAGIC)) {
      // A header starts the stream and each concatenated stream after it.
      await reader.read(16, 'snappy');
      continue;
    }
    const lenBytes = await reader.read(4, 'snappy');
    if (!lenBytes) return;
    const len = lenBytes.readInt32BE(0);
    if (len < 0 || len > MAX_BLOCK) throw new CorruptDataError('snappy', 'chunk length out of range');
    const body = await reader.read(len, 'snappy');
    if (!body) throw new CorruptDataError('snappy', 'stream ends after a chunk length');
    yield snappyDecodeBlock(body);
  }
}

/** The standard snappy framing format (stream identifier, then typed chunks). */
async function* snappyFramedStream(reader: ByteReader): AsyncGenerator<Buffer> {
  for (;;) {
    const header = await reader.read(4, 'snappy');
    if (!header) return;
    const type = header[0]!;
    const len = header[1]! | (header[2]! << 8) | (header[3]! << 16);
    const body = len > 0 ? await reader.read(len, 'snappy') : Buffer.alloc(0);
    if (!body) throw new CorruptDataError('snappy', 'stream ends after a chunk header');
    if (type === 0x00) yield snappyDecodeBlock(body.subarray(4));
    else if (type === 0x01) yield body.subarray(4);
    else if (type === 0xff || (type >= 0x80 && type <= 0xfe)) continue;
    else throw new CorruptDataError('snappy', `unskippable chunk type 0x${type.toString(16)}`);
  }
}

/** Decodes one raw snappy block. */
export function snappyDecodeBlock(src: Uint8Array): Buffer {
  const bad = (what: string) => new CorruptDataError('snappy', what);
  let s = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (s >= src.length || shift > 28) throw bad('bad length preamble');
    const b = src[s++]!;
    length += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  if (length > MAX_BLOCK) throw bad('block length out of range');
  const dst = Buffer.allocUnsafe(length);
  let d = 0;
  while (s < src.length) {
    const tag = src[s++]!;
    const type = tag & 3;
    if (type === 0) {
      let len = tag >>> 2;
      if (len >= 60) {
        const bytes = len - 59;
        if (s + bytes > src.length) throw bad('literal length runs past the block');
        len = 0;
        for (let i = 0; i < bytes; i++) len += src[s + i]! * 2 ** (8 * i);
        s += bytes;
      }
      len += 1;
      if (s + len > src.length || d + len > length) throw bad('literal runs past the block');
      dst.set(src.subarray(s, s + len), d);
      s += len;
      d += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (type === 1) {
      if (s >= src.length) throw bad('copy runs past the block');
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | src[s++]!;
    } else if (type === 2) {
      if (s + 2 > src.length) throw bad('copy runs past the block');
      len = (tag >>> 2) + 1;
      offset = src[s]! | (src[s + 1]! << 8);
      s += 2;
    } else {
      if (s + 4 > src.length) throw bad('copy runs past the block');
      len = (tag >>> 2) + 1;
      offset = src[s]! + src[s + 1]! * 2 ** 8 + src[s + 2]! * 2 ** 16 + src[s + 3]! * 2 ** 24;
      s += 4;
    }
    if (offset === 0 || offset > d || d + len > length) throw bad('copy points outside the output');
    copyMatch(dst, d, offset, len);
    d += len;
  }
  if (d !== length) throw bad(`block decodes to ${d} bytes, preamble says ${length}`);
  return dst;
}

// ---- LZF (ning-compress LZFOutputStream, what Spark's LZFCompressionCodec writes) ----

async function* lzfStream(reader: ByteReader): AsyncGenerator<Buffer> {
  for (;;) {
    const head = await reader.read(5, 'lzf');
    if (!head) return;
    if (head[0] !== 0x5a || head[1] !== 0x56) throw new CorruptDataError('lzf', 'missing ZV chunk signature');
    const type = head[2]!;
    const len = head.readUInt16BE(3);
    if (type === 0) {
      const body = await reader.read(len, 'lzf');
      if (!body) throw new CorruptDataError('lzf', 'stream ends after a chunk header');
      yield body;
    } else if (type === 1) {
      const more = await reader.read(2, 'lzf');
      if (!more) throw new CorruptDataError('lzf', 'stream ends inside a chunk header');
      const originalLen = more.readUInt16BE(0);
      const body = await reader.read(len, 'lzf');
      if (!body) throw new CorruptDataError('lzf', 'stream ends after a chunk header');
      yield lzfDecodeChunk(body, originalLen);
    } else {
      throw new CorruptDataError('lzf', `unknown chunk type ${type}`);
    }
  }
}

export function lzfDecodeChunk(src: Uint8Array, originalLen: number): Buffer {
  const bad = (what: string) => new CorruptDataError('lzf', what);
  const dst = Buffer.allocUnsafe(originalLen);
  let s = 0;
  let d = 0;
  while (s < src.length) {
    const ctrl = src[s++]!;
    if (ctrl < 32) {
      const len = ctrl + 1;
      if (s + len > src.length || d + len > originalLen) throw bad('literal runs past the chunk');
      dst.set(src.subarray(s, s + len), d);
      s += len;
      d += len;
      continue;
    }
    let len = ctrl >>> 5;
    if (len === 7) {
      if (s >= src.length) throw bad('back reference runs past the chunk');
      len += src[s++]!;
    }
    if (s >= src.length) throw bad('back reference runs past the chunk');
    const offset = ((ctrl & 0x1f) << 8) + src[s++]! + 1;
    len += 2;
    if (offset > d || d + len > originalLen) throw bad('back reference points outside the output');
    copyMatch(dst, d, offset, len);
    d += len;
  }
  if (d !== originalLen) throw bad(`chunk decodes to ${d} bytes, header says ${originalLen}`);
  return dst;
}
