import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The s3/ folder as buckets of objects: `s3/<bucket>/<key...>`. Indexed once, on the first request;
 * keys use `/` whatever the platform, sorted in byte order as S3 lists them. Bodies are read when
 * asked for, byte for byte, and their MD5 (the ETag of a simple upload) computed once.
 */
export interface S3Object {
  key: string;
  file: string;
  size: number;
  lastModified: Date;
}

/** Files a checkout or a desktop leaves in folders, never meant as objects. */
const IGNORED_FILES = new Set(['.gitkeep', '.DS_Store']);

export class S3Store {
  private index?: Promise<Map<string, S3Object[]>>;
  private readonly etags = new Map<string, Promise<string>>();

  constructor(private readonly root: string | undefined) {}

  async bucketNames(): Promise<string[]> {
    return [...(await this.buckets()).keys()].sort(compareKeys);
  }

  /** The bucket's objects in key order, or undefined when there is no such bucket folder. */
  async bucket(name: string): Promise<S3Object[] | undefined> {
    return (await this.buckets()).get(name);
  }

  async object(bucket: string, key: string): Promise<S3Object | undefined> {
    return (await this.bucket(bucket))?.find((object) => object.key === key);
  }

  body(object: S3Object): Promise<Buffer> {
    return readFile(object.file);
  }

  etag(object: S3Object): Promise<string> {
    let etag = this.etags.get(object.file);
    if (!etag) {
      etag = this.body(object).then((bytes) => `"${createHash('md5').update(bytes).digest('hex')}"`);
      this.etags.set(object.file, etag);
    }
    return etag;
  }

  private buckets(): Promise<Map<string, S3Object[]>> {
    this.index ??= this.root ? indexBuckets(this.root) : Promise.resolve(new Map());
    return this.index;
  }
}

async function indexBuckets(root: string): Promise<Map<string, S3Object[]>> {
  const buckets = new Map<string, S3Object[]>();
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const objects = await listFiles(path.join(root, entry.name), '');
    buckets.set(
      entry.name,
      objects.sort((a, b) => compareKeys(a.key, b.key)),
    );
  }
  return buckets;
}

async function listFiles(dir: string, keyPrefix: string): Promise<S3Object[]> {
  const objects: S3Object[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (IGNORED_FILES.has(entry.name)) continue;
    const file = path.join(dir, entry.name);
    const info = await stat(file);
    if (info.isDirectory()) objects.push(...(await listFiles(file, `${keyPrefix}${entry.name}/`)));
    else if (info.isFile()) {
      objects.push({ key: `${keyPrefix}${entry.name}`, file, size: info.size, lastModified: info.mtime });
    }
  }
  return objects;
}

/** S3 orders keys by their UTF-8 bytes. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
