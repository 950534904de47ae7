import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UserError } from '../errors.js';
import type { EvidenceCollector } from '../evidence/collector.js';
import type { SourceTracker } from './sources.js';
import { scanStream } from './text-stream.js';

async function open(path: string, stdin: Readable): Promise<Readable> {
  if (path === '-') return stdin;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UserError(`cannot read ${path}: it is a directory`);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(
      `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message}`,
    );
  }
  return createReadStream(path, { highWaterMark: 256 * 1024 });
}

/** Offline: scans local files (or stdin) with no AWS call at all. */
export async function fetchLogFiles(
  paths: string[],
  collector: EvidenceCollector,
  tracker: SourceTracker,
  stdin: Readable = process.stdin,
): Promise<void> {
  for (const path of paths) {
    const name = path === '-' ? 'file:<stdin>' : `file:${path}`;
    tracker.start(name);
    const input = await open(path, stdin);
    const sink = collector.open({
      source: 'file',
      location: path === '-' ? '<stdin>' : path,
      role: 'unknown',
    });
    try {
      const bytes = await scanStream(input, sink);
      tracker.ok(name, {
        items: sink.lines,
        bytes,
        ...(sink.truncatedLines > 0
          ? { truncated: true, detail: `${sink.truncatedLines} over-long lines cut` }
          : {}),
      });
    } catch (err) {
      const message = (err as Error).message;
      if (/incorrect header check|unexpected end of file|invalid/i.test(message)) {
        tracker.fail(name, 'error', `corrupt gzip data: ${message}`, { items: sink.lines });
      } else {
        throw new UserError(`cannot read ${path}: ${message}`, { cause: err });
      }
    }
  }
}
