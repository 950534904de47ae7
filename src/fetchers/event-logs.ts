import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UserError } from '../errors.js';
import type { EvidenceCollector } from '../evidence/collector.js';
import type { Evidence, EvidenceSource } from '../evidence/model.js';
import { codecFromName, CorruptDataError, supportedCodecs, UnsupportedCodecError } from './compression.js';
import type { SourceStatus } from '../evidence/model.js';
import type { SourceTracker } from './sources.js';
import { parseEventLog, type ParseResult } from './spark-event-log.js';

/** Decompressed bytes read from one event log at most (the summary of what was read still counts). */
export const MAX_EVENT_LOG_BYTES = 8 * 1024 * 1024 * 1024;

/**
 * Puts what an event log said into the evidence: stage statistics in `evidence.stages`, and task failure
 * reasons (worded as Spark's TaskSetManager words them) through the log scanner, so the memory and
 * loss matchers read them like driver log lines.
 */
export function absorbEventLog(
  result: ParseResult,
  evidence: Evidence,
  collector: EvidenceCollector,
  source: EvidenceSource,
  location: string,
): void {
  evidence.stages = [...(evidence.stages ?? []), ...result.stages];
  if (result.failures.length === 0) return;
  const sink = collector.open({ source, location, role: 'driver' });
  for (const failure of result.failures) {
    sink.write(`${failure.text}${failure.count > 1 ? ` (${failure.count} times)` : ''}\n`, failure.timestamp);
  }
  sink.end();
}

/** The `sources` entry for a parsed event log. */
export function eventLogStatus(result: ParseResult): Omit<SourceStatus, 'name' | 'status'> {
  const parts = [
    `${result.stages.length} stages`,
    result.app.appId ? `application ${result.app.appId}` : '',
    result.app.codec ? `${result.app.codec}-compressed` : '',
    result.app.skippedLines > 0 ? `${result.app.skippedLines} lines skipped` : '',
    result.truncated ? `stopped after ${result.bytes} bytes` : '',
  ].filter(Boolean);
  return {
    items: result.app.events,
    bytes: result.bytes,
    detail: parts.join(', '),
    ...(result.truncated ? { truncated: true } : {}),
  };
}

/** A read failure of an event log as a source status (codec not supported, corrupt data). */
export function eventLogFailure(err: unknown): { status: 'error'; detail: string } | undefined {
  if (err instanceof UnsupportedCodecError) {
    return { status: 'error', detail: `${err.message} (supported here: ${supportedCodecs().join(', ')})` };
  }
  if (
    err instanceof CorruptDataError ||
    /incorrect header check|unexpected end of file|invalid/i.test((err as Error).message ?? '')
  ) {
    return { status: 'error', detail: (err as Error).message };
  }
  return undefined;
}

/** Offline Spark event logs given with --event-log: plain, gzip, zstd, lz4, snappy, lzf. */
export async function fetchEventLogFiles(
  paths: string[],
  evidence: Evidence,
  collector: EvidenceCollector,
  tracker: SourceTracker,
): Promise<void> {
  for (const path of paths) {
    const name = `event-log:${path}`;
    tracker.start(name);
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw new UserError(`cannot read event log ${path}: it is a directory`);
    } catch (err) {
      if (err instanceof UserError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new UserError(
        `cannot read event log ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message}`,
      );
    }
    const hint = codecFromName(path);
    const input = createReadStream(path, { highWaterMark: 1024 * 1024 });
    try {
      const result = await parseEventLog(input, {
        source: path,
        ...(hint ? { hint } : {}),
        maxBytes: MAX_EVENT_LOG_BYTES,
      });
      absorbEventLog(result, evidence, collector, 'spark-event-log', path);
      tracker.ok(name, eventLogStatus(result));
    } catch (err) {
      const failure = eventLogFailure(err);
      if (!failure)
        throw new UserError(`cannot read event log ${path}: ${(err as Error).message}`, { cause: err });
      tracker.fail(name, failure.status, failure.detail);
    } finally {
      input.destroy();
    }
  }
}
