import { GetObjectCommand, ListObjectsV2Command, type _Object } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { AwsClients } from '../aws/clients.js';
import { classifyAwsError, credentialProblem } from '../aws/errors.js';
import type { EvidenceCollector } from '../evidence/collector.js';
import type { Evidence } from '../evidence/model.js';
import { codecFromName } from './compression.js';
import { absorbEventLog, eventLogFailure, eventLogStatus } from './event-logs.js';
import type { SourceTracker } from './sources.js';
import { SparkEventLogParser, streamInto, type ParseResult } from './spark-event-log.js';

/**
 * Finds and reads the Spark event log a Glue run wrote (`--enable-spark-ui true` with
 * `--spark-event-logs-path s3://...`). Glue names each application `spark-application-<epoch ms>`:
 * a single file (with a codec extension when compressed) or a rolling log folder
 * `eventlog_v2_spark-application-<ms>/events_<n>_spark-application-<ms>[.codec]`. Listing starts just
 * before the run's start (`StartAfter`), so a prefix with years of logs costs a page or two.
 */

export const SOURCE = 's3:spark-event-log';
const MAX_PAGES = 3;
const MAX_PARTS = 200;
/** An application starts a little after the run; allow for clock and queueing. */
const BEFORE_START_MS = 15 * 60 * 1000;
const AFTER_END_MS = 5 * 60 * 1000;
export const MAX_S3_EVENT_LOG_BYTES = 2 * 1024 * 1024 * 1024;

export interface S3Location {
  bucket: string;
  prefix: string;
}

export function parseS3Uri(uri: string): S3Location | undefined {
  const m = /^s3[an]?:\/\/([^/]+)\/?(.*)$/.exec(uri.trim());
  if (!m?.[1]) return undefined;
  const prefix = m[2] ?? '';
  return { bucket: m[1], prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` };
}

interface Candidate {
  appId: string;
  startMs: number;
  /** Object keys to read in order (one for a single file, the parts of a rolling log). */
  keys: string[];
  rolling: boolean;
}

async function listPages(
  clients: AwsClients,
  bucket: string,
  prefix: string,
  startAfter?: string,
  stopAfter?: string,
) {
  const objects: _Object[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await clients.s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ...(token ? { ContinuationToken: token } : startAfter ? { StartAfter: startAfter } : {}),
      }),
    );
    objects.push(...(out.Contents ?? []));
    const last = out.Contents?.at(-1)?.Key;
    if (!out.IsTruncated || !out.NextContinuationToken || (stopAfter && last && last > stopAfter)) break;
    token = out.NextContinuationToken;
  }
  return objects;
}

const APP = /(?:^|\/)(?:eventlog_v2_)?(spark-application-(\d{10,13}))(?:[._/]|$)/;

/** Applications under the prefix that started around the run, nearest first. */
async function candidates(
  clients: AwsClients,
  loc: S3Location,
  startMs: number,
  endMs: number,
): Promise<Candidate[]> {
  const from = String(startMs - BEFORE_START_MS);
  const to = String(endMs + AFTER_END_MS);
  const single = await listPages(
    clients,
    loc.bucket,
    `${loc.prefix}spark-application-`,
    `${loc.prefix}spark-application-${from}`,
    `${loc.prefix}spark-application-${to}`,
  );
  const rolling = await listPages(
    clients,
    loc.bucket,
    `${loc.prefix}eventlog_v2_spark-application-`,
    `${loc.prefix}eventlog_v2_spark-application-${from}`,
    `${loc.prefix}eventlog_v2_spark-application-${to}`,
  );
  const byApp = new Map<string, Candidate>();
  for (const object of [...single, ...rolling]) {
    const key = object.Key ?? '';
    const rest = key.slice(loc.prefix.length);
    const m = APP.exec(rest);
    if (!m?.[1] || !m[2]) continue;
    const startedAt = Number(m[2].length === 10 ? `${m[2]}000` : m[2]);
    if (startedAt < startMs - BEFORE_START_MS || startedAt > endMs + AFTER_END_MS) continue;
    const isRolling = rest.startsWith('eventlog_v2_');
    if (isRolling && !/\/events_\d+_/.test(rest)) continue;
    const id = `${isRolling ? 'r' : 's'}:${m[1]}`;
    const c = byApp.get(id) ?? { appId: m[1], startMs: startedAt, keys: [], rolling: isRolling };
    if (c.keys.length < MAX_PARTS) c.keys.push(key);
    byApp.set(id, c);
  }
  const partIndex = (key: string) => Number(/\/events_(\d+)_/.exec(key)?.[1] ?? 0);
  for (const c of byApp.values()) c.keys.sort((a, b) => partIndex(a) - partIndex(b) || a.localeCompare(b));
  // The application that started nearest after the run started (Glue starts it after provisioning).
  const distance = (c: Candidate) =>
    c.startMs >= startMs - 60_000 ? c.startMs - startMs : BEFORE_START_MS + startMs - c.startMs;
  return [...byApp.values()].sort((a, b) => distance(a) - distance(b));
}

async function readCandidate(
  clients: AwsClients,
  loc: S3Location,
  c: Candidate,
  runId: string,
): Promise<ParseResult> {
  const parser = new SparkEventLogParser(`s3://${loc.bucket}/${c.keys[0]}`);
  let bytes = 0;
  let truncated = false;
  let mentions = false;
  let codec: ReturnType<typeof codecFromName> = undefined;
  for (const key of c.keys) {
    const out = await clients.s3.send(new GetObjectCommand({ Bucket: loc.bucket, Key: key }));
    const body = out.Body as Readable | undefined;
    if (!body) continue;
    try {
      const hint = codecFromName(key);
      const read = await streamInto(parser, body, {
        ...(hint ? { hint } : {}),
        lookFor: runId,
        maxBytes: MAX_S3_EVENT_LOG_BYTES - bytes,
      });
      bytes += read.bytes;
      mentions ||= read.mentions;
      if (read.codec !== 'none') codec = read.codec;
      if (read.truncated) {
        truncated = true;
        break;
      }
    } finally {
      body.destroy?.();
    }
  }
  return { ...parser.finish(codec), mentionsRunId: mentions, bytes, truncated };
}

/** Reads the run's event log from S3 into the evidence, or records why it could not. */
export async function fetchGlueEventLog(
  clients: AwsClients,
  evidence: Evidence,
  collector: EvidenceCollector,
  tracker: SourceTracker,
): Promise<void> {
  const run = evidence.glue?.run;
  if (!run) return;
  const args = run.arguments;
  const path = args['--spark-event-logs-path'];
  if (args['--enable-spark-ui'] !== 'true' || !path) {
    tracker.fail(
      SOURCE,
      'missing',
      'the job writes no Spark event log: set --enable-spark-ui true and --spark-event-logs-path s3://... to get task-level evidence',
    );
    return;
  }
  const loc = parseS3Uri(path);
  if (!loc) {
    tracker.fail(SOURCE, 'error', `--spark-event-logs-path ${path} is not an s3:// URI`);
    return;
  }
  const startMs = run.startedOn ? Date.parse(run.startedOn) : NaN;
  if (!Number.isFinite(startMs)) {
    tracker.fail(SOURCE, 'missing', 'the run has no start time to find its event log by');
    return;
  }
  const endMs = run.completedOn ? Date.parse(run.completedOn) : Date.now();
  tracker.start(SOURCE);
  let found: Candidate[];
  try {
    found = await candidates(clients, loc, startMs, endMs);
  } catch (err) {
    const fatal = credentialProblem(err);
    if (fatal) throw fatal;
    const { status, detail } = classifyAwsError(err);
    tracker.fail(
      SOURCE,
      status,
      `cannot list s3://${loc.bucket}/${loc.prefix} (--spark-event-logs-path): ${detail}`,
    );
    return;
  }
  const chosen = found[0];
  if (!chosen) {
    tracker.fail(
      SOURCE,
      'missing',
      `no event log under s3://${loc.bucket}/${loc.prefix} for an application started during the run (Glue uploads it when the run ends; it may not be there yet)`,
    );
    return;
  }
  const location = `s3://${loc.bucket}/${chosen.rolling ? chosen.keys[0]!.replace(/\/[^/]*$/, '/') : chosen.keys[0]}`;
  try {
    const result = await readCandidate(clients, loc, chosen, run.runId);
    absorbEventLog(result, evidence, collector, 'spark-event-log', location);
    const status = eventLogStatus(result);
    const how = result.mentionsRunId
      ? `names run ${run.runId}`
      : 'chosen by start time (the log does not name the run id)';
    tracker.ok(SOURCE, { ...status, detail: `${location}: ${status.detail}; ${how}` });
  } catch (err) {
    const failure = eventLogFailure(err);
    if (failure) tracker.fail(SOURCE, failure.status, `${location}: ${failure.detail}`);
    else tracker.failed(SOURCE, err);
  }
}
