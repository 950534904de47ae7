import { compareKeys, type S3Object } from './s3-store.js';

/**
 * The listing S3 does for ListObjectsV2 / ListObjects: keys after a marker that start with the
 * prefix, keys sharing the part up to the next delimiter rolled into one common prefix, each key or
 * common prefix counting once towards max-keys.
 */
export interface ListMarker {
  /** The last key or common prefix returned. */
  value: string;
  /** It was a common prefix: everything under it was rolled up and is skipped too. */
  isPrefix: boolean;
}

export interface ListOptions {
  prefix: string;
  delimiter?: string;
  after?: ListMarker;
  maxKeys: number;
}

export interface ListPage {
  contents: S3Object[];
  commonPrefixes: string[];
  truncated: boolean;
  /** Where the next page starts, when truncated. */
  last?: ListMarker;
}

export function listObjects(objects: readonly S3Object[], options: ListOptions): ListPage {
  const { prefix, delimiter, after, maxKeys } = options;
  const page: ListPage = { contents: [], commonPrefixes: [], truncated: false };
  for (const object of objects) {
    if (!object.key.startsWith(prefix) || (after && isBeforeOrAt(object.key, after))) continue;
    const rolledUp = commonPrefix(object.key, prefix, delimiter);
    // Keys sharing a prefix are contiguous in key order, so a repeat is always the last one added.
    if (rolledUp !== undefined && page.commonPrefixes.at(-1) === rolledUp) continue;
    if (page.contents.length + page.commonPrefixes.length >= maxKeys) {
      page.truncated = maxKeys > 0;
      break;
    }
    if (rolledUp !== undefined) {
      page.commonPrefixes.push(rolledUp);
      page.last = { value: rolledUp, isPrefix: true };
    } else {
      page.contents.push(object);
      page.last = { value: object.key, isPrefix: false };
    }
  }
  if (!page.truncated) delete page.last;
  return page;
}

function isBeforeOrAt(key: string, marker: ListMarker): boolean {
  return compareKeys(key, marker.value) <= 0 || (marker.isPrefix && key.startsWith(marker.value));
}

function commonPrefix(key: string, prefix: string, delimiter: string | undefined): string | undefined {
  if (!delimiter) return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at === -1 ? undefined : key.slice(0, at + delimiter.length);
}
