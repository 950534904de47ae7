import { Readable } from 'node:stream';
import { GetObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import type { AwsClients } from '../aws/clients.js';
import { classifyAwsError, credentialProblem } from '../aws/errors.js';
import { LineSink, type EvidenceCollector, type ScanLocation } from '../evidence/collector.js';
import type { SourceStatus, SourceStatusKind } from '../evidence/model.js';
import type { LogBudget } from './cloudwatch-logs.js';
import { scanStream } from './text-stream.js';

/** An S3 object or prefix. */
export interface S3Location {
  bucket: string;
  key: string;
}

/** `s3://`, `s3n://` and `s3a://` URIs (EMR reports LogUri as `s3n://` for clusters made in the console). */
export function parseS3Uri(uri: string): S3Location | undefined {
  const m = /^s3[an]?:\/\/([^/\s]+)(?:\/(.*))?$/.exec(uri.trim());
  return m ? { bucket: m[1]!, key: m[2] ?? '' } : undefined;
}

export function s3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

export interface S3Listing {
  objects: { key: string; size: number }[];
  /** Common prefixes, when listed with a delimiter. */
  prefixes: string[];
  /** True when the bound was hit before the listing ended. */
  truncated: boolean;
}

/** Lists a prefix page by page (with a delimiter: its "folders"), stopping at `max` entries. */
export async function listS3(
  clients: AwsClients,
  where: S3Location,
  options: { delimiter?: string; max: number },
): Promise<S3Listing> {
  const listing: S3Listing = { objects: [], prefixes: [], truncated: false };
  const pages = paginateListObjectsV2(
    { client: clients.s3 },
    {
      Bucket: where.bucket,
      Prefix: where.key,
      ...(options.delimiter ? { Delimiter: options.delimiter } : {}),
    },
  );
  for await (const page of pages) {
    for (const o of page.Contents ?? []) if (o.Key) listing.objects.push({ key: o.Key, size: o.Size ?? 0 });
    for (const p of page.CommonPrefixes ?? []) if (p.Prefix) listing.prefixes.push(p.Prefix);
    const count = listing.objects.length + listing.prefixes.length;
    if (count >= options.max) {
      listing.truncated = count > options.max || Boolean(page.IsTruncated);
      listing.objects.splice(options.max);
      listing.prefixes.splice(options.max - listing.objects.length);
      break;
    }
  }
  return listing;
}

/** Thrown into an object's body to stop reading it once the log budget is spent. */
class BudgetSpent extends Error {
  constructor() {
    super('log size budget spent');
    this.name = 'BudgetSpent';
  }
}

/**
 * A line sink that charges what it is fed to the diagnosis's log budget and stops taking text once
 * the budget is spent; `onText` sees every decoded chunk (e.g. to pick application ids out of it).
 */
class BudgetedSink extends LineSink {
  chars = 0;
  exhausted = false;
  onExhausted: () => void = () => {};

  constructor(
    collector: EvidenceCollector,
    location: ScanLocation,
    private readonly budget: LogBudget,
    private readonly onText?: (text: string) => void,
  ) {
    super(collector, location);
  }

  override write(text: string, timestamp?: string): void {
    if (this.exhausted) return;
    this.onText?.(text);
    super.write(text, timestamp);
    this.chars += text.length;
    this.budget.bytesLeft -= text.length;
    if (this.budget.bytesLeft <= 0) {
      this.exhausted = true;
      this.onExhausted();
    }
  }
}

export interface ObjectPlan {
  location: S3Location;
  scan: Omit<ScanLocation, 'location' | 'source'>;
  /** Sees the object's text as it is decoded. */
  onText?: (text: string) => void;
}

export interface ObjectRead {
  plan: ObjectPlan;
  /** The hits of this object, absorbed into the main collector by `readObjects` in plan order. */
  fork: EvidenceCollector;
  /** Characters of text read (after gunzip). */
  bytes: number;
  lines: number;
  /** Stopped early because the log budget was spent. */
  truncated: boolean;
  /** Not read at all: the budget was already spent. */
  skipped: boolean;
  /** The object is not there. */
  missing: boolean;
  error?: { status: SourceStatusKind; detail: string };
}

/**
 * Streams one object through the scanner: the GetObject body is gunzipped and split into lines on
 * the fly, never buffered whole, and abandoned as soon as the budget is spent.
 */
async function readObject(clients: AwsClients, plan: ObjectPlan, fork: EvidenceCollector, budget: LogBudget) {
  const read: ObjectRead = {
    plan,
    fork,
    bytes: 0,
    lines: 0,
    truncated: false,
    skipped: false,
    missing: false,
  };
  if (budget.bytesLeft <= 0) return { ...read, skipped: true };
  const sink = new BudgetedSink(
    fork,
    { source: 's3', location: s3Uri(plan.location), ...plan.scan },
    budget,
    plan.onText,
  );
  try {
    const out = await clients.s3.send(
      new GetObjectCommand({ Bucket: plan.location.bucket, Key: plan.location.key }),
    );
    const body = out.Body;
    if (!(body instanceof Readable)) throw new Error('GetObject returned no stream');
    sink.onExhausted = () => body.destroy(new BudgetSpent());
    await scanStream(body, sink);
  } catch (err) {
    if (sink.exhausted) {
      sink.end();
    } else {
      const fatal = credentialProblem(err);
      if (fatal) throw fatal;
      const aws = (err as { $metadata?: unknown }).$metadata !== undefined;
      const error = aws
        ? classifyAwsError(err)
        : { status: 'error' as const, detail: `unreadable: ${(err as Error).message}` };
      if (error.status === 'missing') return { ...read, missing: true };
      return { ...read, bytes: sink.chars, lines: sink.lines, error };
    }
  }
  return { ...read, bytes: sink.chars, lines: sink.lines, truncated: sink.exhausted };
}

/**
 * Reads objects concurrently (at most `concurrency` at a time) into forks of the collector, then
 * merges their hits in plan order, so the first objects planned are the first cited.
 */
export async function readObjects(
  clients: AwsClients,
  plans: ObjectPlan[],
  collector: EvidenceCollector,
  budget: LogBudget,
  concurrency: number,
): Promise<ObjectRead[]> {
  const limit = pLimit(concurrency);
  const reads = await Promise.all(
    plans.map((plan) => limit(() => readObject(clients, plan, collector.fork(), budget))),
  );
  for (const read of reads) collector.absorb(read.fork);
  return reads;
}

/** One source line for a set of object reads: what was read, what was cut short, what failed. */
export function summariseReads(name: string, reads: ObjectRead[], what: string): SourceStatus {
  const read = reads.filter((r) => !r.missing && !r.skipped && !r.error);
  const failed = reads.filter((r) => r.error);
  const cut = reads.some((r) => r.truncated || r.skipped);
  const base = {
    name,
    items: read.length,
    bytes: reads.reduce((n, r) => n + r.bytes, 0),
    ...(cut || failed.length > 0 ? { truncated: true } : {}),
  };
  const budgetNote = cut ? '; stopped at the log size budget (--max-log-mb)' : '';
  const first = failed[0];
  if (!first?.error) return { ...base, status: 'ok', detail: `read ${what}${budgetNote}` };
  const key = first.plan.location.key.split('/').slice(-2).join('/');
  return {
    ...base,
    status: first.error.status,
    detail: `read ${what}; ${failed.length} object${failed.length === 1 ? '' : 's'} unread (${key}: ${first.error.detail})${budgetNote}`,
  };
}
