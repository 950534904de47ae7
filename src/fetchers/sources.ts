import type { SourceStatus, SourceStatusKind } from '../evidence/model.js';
import { classifyAwsError, credentialProblem } from '../aws/errors.js';

export type ProgressEvent =
  | { type: 'source-start'; name: string }
  | { type: 'source-done'; source: SourceStatus }
  | { type: 'message'; text: string };

export type ProgressListener = (event: ProgressEvent) => void;

/** Records what was read and how it went, and tells a listener (the spinner, the UI) as it happens. */
export class SourceTracker {
  readonly sources: SourceStatus[] = [];

  constructor(private readonly listener?: ProgressListener) {}

  start(name: string): void {
    this.listener?.({ type: 'source-start', name });
  }

  done(source: SourceStatus): SourceStatus {
    const existing = this.sources.findIndex((s) => s.name === source.name);
    if (existing >= 0) this.sources[existing] = source;
    else this.sources.push(source);
    this.listener?.({ type: 'source-done', source });
    return source;
  }

  ok(name: string, extra: Omit<SourceStatus, 'name' | 'status'> = {}): SourceStatus {
    return this.done({ name, status: 'ok', ...extra });
  }

  fail(
    name: string,
    status: SourceStatusKind,
    detail: string,
    extra: Omit<SourceStatus, 'name' | 'status' | 'detail'> = {},
  ) {
    return this.done({ name, status, detail, ...extra });
  }

  /** Records an AWS failure against a source; credential problems are rethrown as the run cannot go on. */
  failed(
    name: string,
    err: unknown,
    extra: Omit<SourceStatus, 'name' | 'status' | 'detail'> = {},
  ): SourceStatus {
    const fatal = credentialProblem(err);
    if (fatal) throw fatal;
    const { status, detail } = classifyAwsError(err);
    return this.done({ name, status, detail, ...extra });
  }

  /** Runs one read, recording ok or the failure; returns undefined when it failed. */
  async read<T>(
    name: string,
    fn: () => Promise<T>,
    describe?: (value: T) => Omit<SourceStatus, 'name' | 'status'>,
  ) {
    this.start(name);
    try {
      const value = await fn();
      this.ok(name, describe ? describe(value) : {});
      return value;
    } catch (err) {
      this.failed(name, err);
      return undefined;
    }
  }
}
