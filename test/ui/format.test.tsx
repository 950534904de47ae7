import { describe, expect, it } from 'vitest';
import type { Fixture } from '../../src/aws/replay/fixture.js';
import { fixtureNow, parseInstant, parseSince } from '../../src/commands/triage/time.js';
import { UsageError } from '../../src/errors.js';
import { chop, clean, duration, fit, middle, oneLine, shortTime, wrap } from '../../src/ui/format.js';
import { listColumns, windowLabel } from '../../src/ui/list-layout.js';

describe('text helpers of the UI', () => {
  it('strips control sequences and folds text onto one line', () => {
    expect(clean('a\tb\u001b[31mc\u001b[0m')).toBe('a  bc');
    expect(oneLine('first\n   second\r\n\tthird')).toBe('first ⏎ second ⏎ third');
  });

  it('fits text to a column exactly', () => {
    expect(fit('abc', 5)).toBe('abc  ');
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(fit('abc', 0)).toBe('');
  });

  it('cuts in the middle, keeping both ends', () => {
    expect(middle('/aws-glue/jobs/error/jr_0123456789abcdef:412', 20)).toBe('/aws-glue/…bcdef:412');
    expect(middle('short', 20)).toBe('short');
  });

  it('word-wraps prose and cuts long words', () => {
    expect(wrap('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrap('abcdefghijkl xy', 5)).toEqual(['abcde', 'fghij', 'kl xy']);
    expect(wrap('one\ntwo', 20)).toEqual(['one', 'two']);
  });

  it('cuts commands at the width without touching their spaces', () => {
    expect(chop('aws glue  get-job', 8)).toEqual(['aws glue', '  get-jo', 'b']);
    expect(chop('a\n\nb', 8)).toEqual(['a', '', 'b']);
  });

  it('formats times in UTC and durations compactly', () => {
    expect(shortTime('2026-11-20T03:05:59.000Z')).toBe('11-20 03:05');
    expect(shortTime(undefined)).toBe('—');
    expect([45, 541, 3900, 2 * 86_400 + 3600].map(duration)).toEqual(['45s', '9m 01s', '1h 05m', '2d 01h']);
    expect(duration(undefined)).toBe('—');
    expect(windowLabel(new Date('2026-11-19T03:00:00Z'), new Date('2026-11-20T03:00:00Z'), '24h')).toBe(
      '24h → 11-20 03:00 UTC',
    );
    expect(windowLabel(new Date('2026-11-19T00:00:00Z'), new Date('2026-11-20T03:00:00Z'), '')).toBe(
      '11-19 00:00 → 11-20 03:00 UTC',
    );
  });

  it('gives the name what the fixed columns leave, and a message column on wide screens', () => {
    expect(listColumns(80)).toMatchObject({ name: 35, message: 0 });
    expect(listColumns(100)).toMatchObject({ name: 48, message: 0 });
    expect(listColumns(140)).toMatchObject({ name: 48, message: 47 });
  });
});

describe('--since and --now', () => {
  const now = new Date('2026-11-20T03:35:00Z');

  it('takes durations back from now', () => {
    expect(parseSince('24h', now).toISOString()).toBe('2026-11-19T03:35:00.000Z');
    expect(parseSince('90m', now).toISOString()).toBe('2026-11-20T02:05:00.000Z');
    expect(parseSince('3d', now).toISOString()).toBe('2026-11-17T03:35:00.000Z');
    expect(parseSince('2w', now).toISOString()).toBe('2026-11-06T03:35:00.000Z');
  });

  it('takes ISO dates and date-times, in UTC unless a zone is given', () => {
    expect(parseSince('2026-11-19', now).toISOString()).toBe('2026-11-19T00:00:00.000Z');
    expect(parseSince('2026-11-19T12:30', now).toISOString()).toBe('2026-11-19T12:30:00.000Z');
    expect(parseSince('2026-11-19T12:30:00+02:00', now).toISOString()).toBe('2026-11-19T10:30:00.000Z');
    expect(parseInstant('2026-11-20T03:35:00Z', '--now').getTime()).toBe(now.getTime());
  });

  it('refuses what it cannot read, and a start that is not before now', () => {
    for (const bad of ['yesterday', '0h', '-3d', '2026-13-45', '2026-11-21']) {
      expect(() => parseSince(bad, now), bad).toThrow(UsageError);
    }
    expect(() => parseInstant('soon', '--now')).toThrow(/--now must be an ISO date/);
  });

  it('takes a fixture\'s "now" from its newest timestamp, in API answers and log events', () => {
    const fixture: Fixture = {
      dir: 'x',
      calls: [
        {
          index: 0,
          service: 'glue',
          operation: 'GetJobRuns',
          input: {},
          output: {
            JobRuns: [
              {
                StartedOn: '2026-11-20T03:00:00Z',
                CompletedOn: '2026-11-20T03:35:00Z',
                Id: '2026-11-30 is not a time',
              },
            ],
          },
        },
      ],
      logs: new Map([
        [
          '/g',
          new Map([
            ['s', [{ timestamp: Date.parse('2026-11-20T03:40:00Z'), ingestionTime: 0, message: 'm' }]],
          ]),
        ],
      ]),
      metrics: [],
    };
    expect(fixtureNow(fixture)?.toISOString()).toBe('2026-11-20T03:40:00.000Z');
    expect(fixtureNow({ dir: 'x', calls: [], logs: new Map(), metrics: [] })).toBeUndefined();
  });
});
