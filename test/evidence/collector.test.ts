import { describe, expect, it } from 'vitest';
import { EvidenceCollector } from '../../src/evidence/collector.js';
import type { Signal } from '../../src/matchers/types.js';

const OOM: Signal = { id: 'oom', pattern: /OutOfMemoryError: (?<kind>[\w ]+)/ };
const LOST: Signal = { id: 'lost', pattern: /Lost executor (?<id>\d+)/, unless: /idle/ };

function scan(chunks: string[], limits = {}) {
  const collector = new EvidenceCollector([OOM, LOST], limits);
  const sink = collector.open({ source: 'file', location: 'x.log', role: 'unknown' });
  for (const c of chunks) sink.write(c);
  sink.end();
  return { collector, sink };
}

describe('EvidenceCollector', () => {
  it('finds a line split across chunks and numbers lines across chunks', () => {
    const { collector } = scan([
      'line one\nline two\njava.lang.OutOfMem',
      'oryError: Java heap space\nafter\n',
    ]);
    const [hit] = collector.hits();
    expect(hit).toMatchObject({ signal: 'oom', line: 3, groups: { kind: 'Java heap space' } });
    expect(hit!.before).toContain('line two');
    expect(hit!.after).toEqual(['after']);
  });

  it('keeps context from chunks that had no match', () => {
    const { collector } = scan([
      'Lost task 1.0 in stage 2.0\n\tat a.b(C.java:1)\n',
      'OutOfMemoryError: Java heap space\n',
    ]);
    expect(collector.hits()[0]!.before).toContain('Lost task 1.0 in stage 2.0');
    expect(collector.hits()[0]!.line).toBe(3);
  });

  it('handles CRLF line endings', () => {
    const { collector } = scan(['a\r\nOutOfMemoryError: Java heap space\r\nb\r\n']);
    expect(collector.hits()[0]!.text).toBe('OutOfMemoryError: Java heap space');
    expect(collector.hits()[0]!.line).toBe(2);
  });

  it('honours unless', () => {
    const { collector } = scan(['Lost executor 3 because it has been idle\nLost executor 4 on host\n']);
    expect(collector.hits().map((h) => h.groups.id)).toEqual(['4']);
  });

  it('caps kept hits per signal but counts them all', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `Lost executor ${i}\n`).join('');
    const { collector } = scan([lines], { keepFirst: 3, keepLast: 2 });
    expect(collector.counts()).toEqual({ lost: 100 });
    expect(collector.hits().map((h) => h.groups.id)).toEqual(['0', '1', '2', '98', '99']);
  });

  it('cuts a runaway line at the limit and still matches inside it', () => {
    const huge = 'x'.repeat(5000) + ' OutOfMemoryError: Java heap space ' + 'y'.repeat(50_000);
    const { collector, sink } = scan([huge.slice(0, 20_000), huge.slice(20_000), '\nLost executor 7\n'], {
      maxLineChars: 10_000,
    });
    expect(collector.hits().map((h) => h.signal)).toEqual(['oom', 'lost']);
    expect(sink.truncatedLines).toBe(1);
    expect(collector.hits()[0]!.text.length).toBeLessThan(700);
  });

  it('merges forks in the order given', () => {
    const parent = new EvidenceCollector([OOM, LOST]);
    const a = parent.fork();
    const b = parent.fork();
    b.open({ source: 'file', location: 'b', role: 'executor' }).write('Lost executor 2\n');
    a.open({ source: 'file', location: 'a', role: 'driver' }).write('Lost executor 1\n');
    parent.absorb(a);
    parent.absorb(b);
    expect(parent.hits().map((h) => h.location)).toEqual(['a', 'b']);
    expect(parent.counts()).toEqual({ lost: 2 });
  });
});

describe('distinct values', () => {
  it('counts every distinct value of a named group, beyond the kept hits', () => {
    const signal: Signal = {
      id: 'lost',
      pattern: /Lost executor (?<id>\d+)/,
      keywords: ['Lost executor'],
      distinct: ['id'],
    };
    const collector = new EvidenceCollector([signal], { keepFirst: 2, keepLast: 1 });
    const sink = collector.open({ source: 'file', location: 'x', role: 'unknown' });
    sink.write(Array.from({ length: 50 }, (_, i) => `Lost executor ${i % 20}\n`).join(''));
    sink.end();
    expect(collector.hits()).toHaveLength(3);
    expect(collector.distinctCounts()).toEqual({ lost: 20 });
  });
});

describe('jumping between candidate lines', () => {
  it('finds the same lines at the same line numbers as testing every line, however the text is chunked', () => {
    const signal: Signal = {
      id: 'oom',
      pattern: /OutOfMemoryError: (?<kind>\w+)/,
      keywords: ['OutOfMemoryError'],
    };
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      if (i % 97 === 5) lines.push(`WARN task ${i}: java.lang.OutOfMemoryError: heap${i}`);
      else if (i % 13 === 0) lines.push('');
      else if (i % 7 === 0) lines.push(`\tat frame.${i}(X.java:1)\r`);
      else lines.push(`INFO line ${i} -XX:OnOutOfMemoryError=kill`);
    }
    const text = lines.join('\n') + '\n';
    const expected = lines.flatMap((l, i) => (/OutOfMemoryError: \w+/.test(l) ? [i + 1] : []));
    let seed = 7;
    for (let round = 0; round < 5; round++) {
      const collector = new EvidenceCollector([signal], { keepFirst: 1000 });
      const sink = collector.open({ source: 'file', location: 'x', role: 'unknown' });
      for (let at = 0; at < text.length;) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const size = 1 + (seed % 5000);
        sink.write(text.slice(at, at + size));
        at += size;
      }
      sink.end();
      expect(collector.hits().map((h) => h.line)).toEqual(expected);
      expect(sink.lines).toBe(lines.length);
      expect(collector.hits()[1]!.before.length).toBeGreaterThan(0);
    }
  });
});
