/**
 * Small compressors for tests: they write the framings Spark writes event logs in (lz4-java's
 * LZ4BlockOutputStream, snappy-java's SnappyOutputStream, ning-compress LZF chunks) with real
 * back-references, so the decoders are tested on matches, overlaps and long lengths, not only literals.
 */

function read32(src: Uint8Array, i: number): number {
  return (src[i]! | (src[i + 1]! << 8) | (src[i + 2]! << 16) | (src[i + 3]! << 24)) >>> 0;
}

function pushLength(out: number[], n: number): void {
  let rest = n;
  while (rest >= 255) {
    out.push(255);
    rest -= 255;
  }
  out.push(rest);
}

/** Greedy LZ4 block compressor (the block format, no frame). */
export function lz4CompressBlock(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  const table = new Map<number, number>();
  let anchor = 0;
  let i = 0;
  const limit = src.length - 12;
  const emit = (litEnd: number, offset?: number, matchLen?: number) => {
    const lit = litEnd - anchor;
    const m = matchLen === undefined ? 0 : matchLen - 4;
    out.push((Math.min(lit, 15) << 4) | Math.min(m, 15));
    if (lit >= 15) pushLength(out, lit - 15);
    for (let k = anchor; k < litEnd; k++) out.push(src[k]!);
    if (offset !== undefined) {
      out.push(offset & 255, offset >> 8);
      if (m >= 15) pushLength(out, m - 15);
    }
  };
  while (i < limit) {
    const seq = read32(src, i);
    const cand = table.get(seq);
    table.set(seq, i);
    if (cand !== undefined && i - cand <= 65535 && read32(src, cand) === seq) {
      let len = 4;
      while (i + len < src.length - 5 && src[cand + len] === src[i + len]) len++;
      emit(i, i - cand, len);
      i += len;
      anchor = i;
    } else {
      i++;
    }
  }
  emit(src.length);
  return Uint8Array.from(out);
}

/** lz4-java LZ4BlockOutputStream framing: blocks of `blockSize`, compressed when that is smaller. */
export function lz4JavaStream(data: Uint8Array, blockSize = 32 * 1024): Buffer {
  const parts: Buffer[] = [];
  const header = (method: number, compressed: number, original: number) => {
    const h = Buffer.alloc(21);
    h.write('LZ4Block', 0, 'latin1');
    h[8] = method | 0x04;
    h.writeInt32LE(compressed, 9);
    h.writeInt32LE(original, 13);
    h.writeInt32LE(0, 17);
    return h;
  };
  for (let off = 0; off < data.length; off += blockSize) {
    const block = data.subarray(off, Math.min(data.length, off + blockSize));
    const packed = lz4CompressBlock(block);
    if (packed.length < block.length)
      parts.push(header(0x20, packed.length, block.length), Buffer.from(packed));
    else parts.push(header(0x10, block.length, block.length), Buffer.from(block));
  }
  parts.push(header(0x10, 0, 0));
  return Buffer.concat(parts);
}

function varint(n: number): number[] {
  const out: number[] = [];
  let rest = n;
  while (rest >= 0x80) {
    out.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

/** Greedy raw snappy compressor: literals and 2-byte-offset copies. */
export function snappyCompressBlock(src: Uint8Array): Uint8Array {
  const out: number[] = varint(src.length);
  const table = new Map<number, number>();
  let anchor = 0;
  let i = 0;
  const literal = (end: number) => {
    let start = anchor;
    while (start < end) {
      const len = Math.min(end - start, 65536);
      const n = len - 1;
      if (n < 60) out.push(n << 2);
      else if (n < 256) out.push(60 << 2, n);
      else out.push(61 << 2, n & 255, n >> 8);
      for (let k = start; k < start + len; k++) out.push(src[k]!);
      start += len;
    }
  };
  while (i + 4 <= src.length) {
    const seq = read32(src, i);
    const cand = table.get(seq);
    table.set(seq, i);
    if (cand !== undefined && i - cand < 65536 && read32(src, cand) === seq) {
      let len = 4;
      while (len < 64 && i + len < src.length && src[cand + len] === src[i + len]) len++;
      literal(i);
      const offset = i - cand;
      out.push(((len - 1) << 2) | 2, offset & 255, offset >> 8);
      i += len;
      anchor = i;
    } else {
      i++;
    }
  }
  literal(src.length);
  return Uint8Array.from(out);
}

/** snappy-java SnappyOutputStream framing: 16-byte header, then [int32 BE length][block]... */
export function snappyJavaStream(data: Uint8Array, blockSize = 32 * 1024): Buffer {
  const header = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]);
  const parts: Buffer[] = [header];
  for (let off = 0; off < data.length; off += blockSize) {
    const packed = snappyCompressBlock(data.subarray(off, Math.min(data.length, off + blockSize)));
    const len = Buffer.alloc(4);
    len.writeInt32BE(packed.length, 0);
    parts.push(len, Buffer.from(packed));
  }
  return Buffer.concat(parts);
}

/** Greedy LZF chunk compressor (ning-compress format, back references up to 8 KiB). */
export function lzfCompressChunk(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  const table = new Map<number, number>();
  let lit: number[] = [];
  const flush = () => {
    for (let k = 0; k < lit.length; k += 32) {
      const run = lit.slice(k, k + 32);
      out.push(run.length - 1, ...run);
    }
    lit = [];
  };
  let i = 0;
  while (i < src.length) {
    if (i + 3 <= src.length) {
      const seq = src[i]! | (src[i + 1]! << 8) | (src[i + 2]! << 16);
      const cand = table.get(seq);
      table.set(seq, i);
      if (
        cand !== undefined &&
        i - cand <= 8192 &&
        src[cand] === src[i] &&
        src[cand + 1] === src[i + 1] &&
        src[cand + 2] === src[i + 2]
      ) {
        let len = 3;
        while (len < 264 && i + len < src.length && src[cand + len] === src[i + len]) len++;
        flush();
        const off = i - cand - 1;
        const l = len - 2;
        if (l < 7) out.push((l << 5) | (off >> 8));
        else out.push((7 << 5) | (off >> 8), l - 7);
        out.push(off & 255);
        i += len;
        continue;
      }
    }
    lit.push(src[i]!);
    i++;
  }
  flush();
  return Uint8Array.from(out);
}

/** LZFOutputStream framing: `ZV` chunks of up to 64 KiB, compressed (type 1) or not (type 0). */
export function lzfStream(data: Uint8Array, chunkSize = 65535): Buffer {
  const parts: Buffer[] = [];
  for (let off = 0; off < data.length; off += chunkSize) {
    const chunk = data.subarray(off, Math.min(data.length, off + chunkSize));
    const packed = lzfCompressChunk(chunk);
    if (packed.length < chunk.length) {
      const h = Buffer.from([0x5a, 0x56, 1, 0, 0, 0, 0]);
      h.writeUInt16BE(packed.length, 3);
      h.writeUInt16BE(chunk.length, 5);
      parts.push(h, Buffer.from(packed));
    } else {
      const h = Buffer.from([0x5a, 0x56, 0, 0, 0]);
      h.writeUInt16BE(chunk.length, 3);
      parts.push(h, Buffer.from(chunk));
    }
  }
  return Buffer.concat(parts);
}
