import type { Signal } from '../matchers/types.js';
import type { EvidenceSource, LogHit, Role } from './model.js';
import { clip, stripControl } from '../util/sanitize.js';
import { KeywordFilter } from './keyword-filter.js';
import { TaskLineStats } from './task-lines.js';

export interface ScanLocation {
  source: EvidenceSource;
  location: string;
  role: Role;
  container?: string;
}

export interface CollectorLimits {
  /** Hits kept per signal from the start of the logs; later ones roll through `keepLast`. */
  keepFirst: number;
  keepLast: number;
  /** A longer line is cut here (the rest of it is skipped) so one runaway line cannot exhaust memory. */
  maxLineChars: number;
}

const DEFAULT_LIMITS: CollectorLimits = { keepFirst: 15, keepLast: 5, maxLineChars: 8 * 1024 * 1024 };
const BEFORE_LINES = 3;
const RECENT_LINES = 6;
const AFTER_LINES = 10;
const CONTEXT_CHARS = 300;
const RAW_CONTEXT_CHARS = 2 * CONTEXT_CHARS;
const FRAME = /^\s*(?:at\s|\.\.\.\s\d+\s(?:more|common frames omitted)|File\s")/;

interface SignalSlot {
  signal: Signal;
  first: LogHit[];
  last: LogHit[];
  count: number;
  values: Set<string>;
}

const MAX_DISTINCT = 10_000;

/** Named groups must not repeat inside one alternation, so the prefilter drops the names. */
function unnamed(source: string): string {
  return source.replace(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?:');
}

/**
 * Signals with keywords share one keyword automaton; the rest get one regex alternation per flag set
 * (case-insensitive matching is several times slower in V8, so it is kept apart).
 */
function prefilters(signals: Signal[]): { keywords: KeywordFilter; regexes: RegExp[] } {
  const keywords = new KeywordFilter(signals.map((s) => s.keywords ?? []));
  const groups = new Map<string, string[]>();
  for (const s of signals.filter((sig) => !sig.keywords?.length)) {
    const flags = s.pattern.flags.replace(/[gyd]/g, '');
    groups.set(flags, [...(groups.get(flags) ?? []), `(?:${unnamed(s.pattern.source)})`]);
  }
  return { keywords, regexes: [...groups].map(([flags, sources]) => new RegExp(sources.join('|'), flags)) };
}

/**
 * Scans log text for the matchers' signals with bounded memory: it keeps the matching lines (capped per
 * signal) and a few lines of context, never the log itself.
 */
export class EvidenceCollector {
  private readonly slots: SignalSlot[];
  private readonly prefilter: { keywords: KeywordFilter; regexes: RegExp[] };
  readonly limits: CollectorLimits;
  linesScanned = 0;
  bytesScanned = 0;
  /** Task durations per stage from driver log lines (see task-lines.ts). */
  taskLines = new TaskLineStats();

  constructor(signals: readonly Signal[], limits: Partial<CollectorLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    const unique = new Map(signals.map((s) => [s.id, s]));
    this.slots = [...unique.values()].map((signal) => ({
      signal,
      first: [],
      last: [],
      count: 0,
      values: new Set<string>(),
    }));
    this.prefilter = prefilters(this.slots.map((s) => s.signal));
  }

  /** A collector with the same signals and its own hits, so concurrent reads can be merged in a fixed order. */
  fork(): EvidenceCollector {
    const child = Object.create(EvidenceCollector.prototype) as EvidenceCollector;
    Object.assign(child, {
      limits: this.limits,
      prefilter: this.prefilter,
      slots: this.slots.map((s) => ({
        signal: s.signal,
        first: [],
        last: [],
        count: 0,
        values: new Set<string>(),
      })),
      linesScanned: 0,
      bytesScanned: 0,
      // Shared with the parent: merge order does not matter for per-stage distributions.
      taskLines: this.taskLines,
    });
    return child;
  }

  /** Takes a fork's hits and counts, as if its text had been scanned here next. */
  absorb(child: EvidenceCollector): void {
    child.slots.forEach((from, i) => {
      const to = this.slots[i]!;
      for (const hit of [...from.first, ...from.last]) this.keep(to, hit);
      to.count += from.count;
      for (const v of from.values) if (to.values.size < MAX_DISTINCT) to.values.add(v);
    });
    this.linesScanned += child.linesScanned;
    this.bytesScanned += child.bytesScanned;
  }

  open(location: ScanLocation): LineSink {
    return new LineSink(this, location);
  }

  hits(): LogHit[] {
    return this.slots.flatMap((s) => [...s.first, ...s.last]);
  }

  /** Distinct values of the signals' `distinct` groups, over every match. */
  distinctCounts(): Record<string, number> {
    return Object.fromEntries(
      this.slots.filter((s) => s.values.size > 0).map((s) => [s.signal.id, s.values.size]),
    );
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.slots.filter((s) => s.count > 0).map((s) => [s.signal.id, s.count]));
  }

  /**
   * Where in `text` (from `from`) the first line that may match lies, as an index inside that line, or -1.
   * Undefined when some signal has no keywords and lines must be tested one by one.
   */
  nextCandidate(text: string, from: number): number | undefined {
    if (this.prefilter.regexes.length > 0) return undefined;
    return this.prefilter.keywords.firstMatch(text, from);
  }

  /** Tests one complete line; returns the hits it produced so the sink can give them context. */
  testLine(
    line: string,
    lineNo: number,
    timestamp: string | undefined,
    loc: ScanLocation,
    before: () => string[],
  ) {
    const produced: LogHit[] = [];
    const candidates = this.prefilter.keywords.groupsIn(line);
    if (candidates.size === 0 && this.prefilter.regexes.length === 0) return produced;
    for (const [index, slot] of this.slots.entries()) {
      if (slot.signal.keywords?.length && !candidates.has(index)) continue;
      const m = slot.signal.pattern.exec(line);
      if (!m) continue;
      if (slot.signal.unless?.test(line)) continue;
      slot.count += 1;
      for (const name of slot.signal.distinct ?? []) {
        const value = m.groups?.[name];
        if (value !== undefined && slot.values.size < MAX_DISTINCT) slot.values.add(value);
      }
      const hit: LogHit = {
        signal: slot.signal.id,
        source: loc.source,
        location: loc.location,
        line: lineNo,
        ...(timestamp ? { timestamp } : {}),
        text: clip(stripControl(line), 600, m.index),
        role: loc.role,
        ...(loc.container ? { container: loc.container } : {}),
        before: before(),
        after: [],
        groups: Object.fromEntries(
          Object.entries(m.groups ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
        ),
      };
      this.keep(slot, hit);
      produced.push(hit);
    }
    return produced;
  }

  private keep(slot: SignalSlot, hit: LogHit) {
    if (slot.first.length < this.limits.keepFirst) {
      slot.first.push(hit);
      return;
    }
    slot.last.push(hit);
    if (slot.last.length > this.limits.keepLast) slot.last.shift();
  }
}

/** One stream, file or object being scanned: splits text into lines across chunk boundaries. */
export class LineSink {
  private carry = '';
  private skipping = false;
  private lineNo = 0;
  /** The last few lines that are not stack frames (exception headers, task failures). */
  private heads: string[] = [];
  /** The last few lines of any kind (Python traceback frames name the process). */
  private recent: string[] = [];
  private open: LogHit[] = [];
  truncatedLines = 0;

  constructor(
    private readonly collector: EvidenceCollector,
    private readonly loc: ScanLocation,
  ) {}

  get lines(): number {
    return this.lineNo;
  }

  /** Feeds any slice of text (an event message, a decoded chunk). Lines end at \n; \r\n is handled. */
  write(text: string, timestamp?: string): void {
    this.collector.bytesScanned += text.length;
    let chunk = text;
    if (this.skipping) {
      const nl = chunk.indexOf('\n');
      if (nl < 0) return;
      this.skipping = false;
      chunk = chunk.slice(nl + 1);
    }
    const data = this.carry + chunk;
    const lastNl = data.lastIndexOf('\n');
    if (lastNl < 0) {
      this.holdCarry(data, timestamp);
      return;
    }
    const complete = data.slice(0, lastNl);
    this.carry = data.slice(lastNl + 1);
    this.collector.taskLines.scan(complete, this.loc.location, this.loc.source);
    this.scanComplete(complete, timestamp);
    if (this.carry.length > this.collector.limits.maxLineChars) this.holdCarry(this.carry, timestamp);
  }

  /**
   * Jumps from one candidate line to the next with the keyword automaton; the lines in between are only
   * counted (and their last few kept as context). Lines after a hit are read one by one for its context.
   */
  private scanComplete(complete: string, timestamp?: string) {
    let pos = 0;
    while (pos <= complete.length) {
      let lineStart = pos;
      if (this.open.length === 0) {
        const hit = this.collector.nextCandidate(complete, pos);
        if (hit === undefined) {
          for (const line of complete.slice(pos).split('\n')) this.line(line, timestamp);
          return;
        }
        if (hit < 0) {
          this.skipLines(complete.slice(pos));
          return;
        }
        lineStart = complete.lastIndexOf('\n', hit) + 1;
        if (lineStart > pos) this.skipLines(complete.slice(pos, lineStart - 1));
      }
      const nl = complete.indexOf('\n', lineStart);
      const end = nl < 0 ? complete.length : nl;
      this.line(complete.slice(lineStart, end), timestamp);
      pos = end + 1;
    }
  }

  end(timestamp?: string): void {
    if (this.carry.length > 0) {
      this.collector.taskLines.scan(this.carry, this.loc.location, this.loc.source);
      this.line(this.carry, timestamp);
    }
    this.carry = '';
    this.open = [];
  }

  private holdCarry(data: string, timestamp?: string) {
    if (data.length <= this.collector.limits.maxLineChars) {
      this.carry = data;
      return;
    }
    this.truncatedLines += 1;
    this.line(data.slice(0, this.collector.limits.maxLineChars), timestamp);
    this.carry = '';
    this.skipping = true;
  }

  /** Counts the lines of a chunk with no signal, keeping only the last few as context. */
  private skipLines(complete: string) {
    let count = 1;
    for (let i = complete.indexOf('\n'); i >= 0; i = complete.indexOf('\n', i + 1)) count += 1;
    this.lineNo += count;
    this.collector.linesScanned += count;
    const heads: string[] = [];
    const recent: string[] = [];
    let end = complete.length;
    // Walk back a bounded number of lines: enough for context, never the whole chunk.
    for (
      let walked = 0;
      walked < 64 && (heads.length < BEFORE_LINES || recent.length < RECENT_LINES);
      walked++
    ) {
      const start = complete.lastIndexOf('\n', end - 1) + 1;
      const line = stripCr(complete.slice(start, Math.max(start, end)));
      const shown = line.slice(0, RAW_CONTEXT_CHARS);
      if (recent.length < RECENT_LINES) recent.unshift(shown);
      if (heads.length < BEFORE_LINES && !FRAME.test(line) && line.trim() !== '') heads.unshift(shown);
      if (start === 0) break;
      end = start - 1;
    }
    this.heads = [...this.heads, ...heads].slice(-BEFORE_LINES);
    this.recent = [...this.recent, ...recent].slice(-RECENT_LINES);
  }

  private before(): string[] {
    const heads = this.heads.filter((h) => !this.recent.includes(h));
    return [...heads, ...this.recent].map((l) => clip(stripControl(l), CONTEXT_CHARS));
  }

  private line(raw: string, timestamp?: string) {
    const line = stripCr(raw);
    this.lineNo += 1;
    this.collector.linesScanned += 1;
    if (this.open.length > 0) this.extendOpen(line);
    const produced = this.collector.testLine(line, this.lineNo, timestamp, this.loc, () => this.before());
    this.open.push(...produced);
    // Kept raw (but bounded) and sanitised only when a hit needs it: most lines never do.
    const shown = line.slice(0, RAW_CONTEXT_CHARS);
    if (!FRAME.test(line) && line.trim() !== '') {
      this.heads.push(shown);
      if (this.heads.length > BEFORE_LINES) this.heads.shift();
    }
    this.recent.push(shown);
    if (this.recent.length > RECENT_LINES) this.recent.shift();
  }

  private extendOpen(line: string) {
    const text = clip(stripControl(line), CONTEXT_CHARS);
    for (const hit of this.open) hit.after.push(text);
    this.open = this.open.filter((hit) => hit.after.length < AFTER_LINES);
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
