import { paginateListObjectsV2 } from '@aws-sdk/client-s3';
import type { AwsClients } from '../aws/clients.js';
import { classifyAwsError, credentialProblem } from '../aws/errors.js';
import {
  isUnder,
  normalizeS3,
  splitS3 as split,
  type CrawlerFacts,
  type S3ListingFacts,
} from '../evidence/crawler.js';
import type { SourceTracker } from './sources.js';

/** A sample, not an inventory: enough keys to name the files behind a split. */
const MAX_KEYS_TOTAL = 400;
const MAX_KEYS_PER_PREFIX = 100;
const MAX_PREFIXES = 40;

/**
 * The prefixes worth one listing level each: every include path (stray files at its root, the
 * dataset folders under it), then the locations of the crawler's tables that lie under one.
 */
function prefixesOf(crawler: CrawlerFacts): string[] {
  const targets = crawler.s3Targets.map((t) => normalizeS3(t.path));
  const tables = (crawler.tables ?? [])
    .map((t) => t.location)
    .filter((l): l is string => Boolean(l && /^s3[an]?:\/\//i.test(l)))
    .map(normalizeS3)
    .filter((l) => targets.length === 0 || targets.some((t) => isUnder(l, t)))
    .sort();
  return [...new Set([...targets, ...tables])].slice(0, MAX_PREFIXES);
}

async function listLevel(clients: AwsClients, uri: string, maxKeys: number): Promise<S3ListingFacts> {
  const where = split(uri)!;
  const listing: S3ListingFacts = { prefix: normalizeS3(uri), objects: [], folders: [], truncated: false };
  const pages = paginateListObjectsV2(
    { client: clients.s3, pageSize: maxKeys },
    { Bucket: where.bucket, Prefix: where.key, Delimiter: '/' },
  );
  for await (const page of pages) {
    for (const o of page.Contents ?? []) {
      const name = (o.Key ?? '').slice(where.key.length);
      if (name === '') continue; // the folder marker object itself
      listing.objects.push({
        name,
        ...(o.Size !== undefined ? { size: o.Size } : {}),
        ...(o.LastModified ? { lastModified: o.LastModified.toISOString() } : {}),
      });
    }
    listing.folders.push(
      ...(page.CommonPrefixes ?? []).map((p) => (p.Prefix ?? '').slice(where.key.length)).filter(Boolean),
    );
    if (listing.objects.length + listing.folders.length >= maxKeys) {
      listing.truncated = Boolean(page.IsTruncated);
      break;
    }
  }
  return listing;
}

/** A bounded ListObjectsV2 sample (delimiter '/') of the include paths and the crawler's table folders. */
export async function fetchS3Sample(
  clients: AwsClients,
  crawler: CrawlerFacts,
  tracker: SourceTracker,
): Promise<void> {
  const prefixes = prefixesOf(crawler).filter((p) => split(p));
  if (prefixes.length === 0) return;
  const name = 's3:ListObjectsV2';
  tracker.start(name);
  const listings: S3ListingFacts[] = [];
  let keys = 0;
  let failure:
    { status: ReturnType<typeof classifyAwsError>['status']; detail: string; prefix: string } | undefined;
  let failures = 0;
  for (const prefix of prefixes) {
    const left = MAX_KEYS_TOTAL - keys;
    if (left <= 0) break;
    try {
      const listing = await listLevel(clients, prefix, Math.min(MAX_KEYS_PER_PREFIX, left));
      listings.push(listing);
      keys += listing.objects.length + listing.folders.length;
    } catch (err) {
      const fatal = credentialProblem(err);
      if (fatal) throw fatal;
      failures += 1;
      failure ??= { ...classifyAwsError(err), prefix };
    }
  }
  crawler.s3Listings = listings;
  const sampled = `listed ${keys} key${keys === 1 ? '' : 's'} under ${listings.length} prefix${listings.length === 1 ? '' : 'es'}`;
  const partial = listings.some((l) => l.truncated) || listings.length < prefixes.length;
  if (failure && listings.length === 0) {
    tracker.fail(name, failure.status, `${failure.prefix}: ${failure.detail}`);
  } else if (failure) {
    tracker.fail(
      name,
      failure.status === 'missing' ? 'ok' : failure.status,
      `${sampled}; ${failures} unread (${failure.prefix}: ${failure.detail})`,
      {
        items: keys,
        truncated: true,
      },
    );
  } else {
    tracker.ok(name, {
      items: keys,
      detail: `${sampled} (a sample)`,
      ...(partial ? { truncated: true } : {}),
    });
  }
}
