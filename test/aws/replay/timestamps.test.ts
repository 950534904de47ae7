import * as glue from '@aws-sdk/client-glue';
import { NormalizedSchema } from '@smithy/core/schema';
import { describe, expect, it } from 'vitest';
import { CallBook } from '../../../src/aws/replay/calls.js';
import { parseIsoTimestamp } from '../../../src/aws/replay/iso-time.js';
import { findOperation } from '../../../src/aws/replay/sdk-schemas.js';
import { canonicalInput, toJsonWire } from '../../../src/aws/replay/timestamps.js';

describe('timestamps by schema', () => {
  const output = NormalizedSchema.of(glue['GetJobRun$'][5] as never);

  it('turns ISO timestamp members into epoch seconds and leaves strings, numbers and unknown keys alone', () => {
    const wire = toJsonWire(output, {
      JobRun: {
        StartedOn: '2026-11-20T03:00:00.5Z',
        CompletedOn: 1795143600,
        Arguments: { '--date': '2026-11-20T00:00:00Z' },
        ErrorMessage: '2026-11-20T00:00:00Z',
        PredecessorRuns: [{ JobName: 'a', RunId: 'b' }],
        Unmodeled: '2026-11-20T00:00:00Z',
      },
    });
    expect(wire).toEqual({
      JobRun: {
        StartedOn: 1795143600.5,
        CompletedOn: 1795143600,
        Arguments: { '--date': '2026-11-20T00:00:00Z' },
        ErrorMessage: '2026-11-20T00:00:00Z',
        PredecessorRuns: [{ JobName: 'a', RunId: 'b' }],
        Unmodeled: '2026-11-20T00:00:00Z',
      },
    });
  });

  it('converts timestamps inside lists of structures', () => {
    const runs = findOperation('glue', 'GetJobRuns');
    expect(runs).toBeDefined();
    const wire = toJsonWire(runs!.output, { JobRuns: [{ StartedOn: '2026-11-20T03:00:00Z' }] });
    expect(wire).toEqual({ JobRuns: [{ StartedOn: 1795143600 }] });
  });

  it('canonicalises request timestamps, whichever way they are written, for matching', () => {
    const op = findOperation('cloudwatch', 'GetMetricData');
    expect(canonicalInput(op!.input, { StartTime: 1795143600, EndTime: '2026-11-20T04:00Z' })).toEqual({
      StartTime: '2026-11-20T03:00:00.000Z',
      EndTime: '2026-11-20T04:00:00.000Z',
    });
  });

  it('matches calls.json timestamps against epoch-second requests', () => {
    const book = new CallBook([
      {
        index: 0,
        service: 'cloudwatch',
        operation: 'GetMetricData',
        input: { StartTime: '2026-11-20T03:00:00Z' },
        output: { Messages: [] },
      },
    ]);
    expect(book.take('cloudwatch', 'GetMetricData', { StartTime: '2026-11-20T03:00:00.000Z' })?.index).toBe(
      0,
    );
  });

  it('reads ISO strings without a zone as UTC', () => {
    expect(parseIsoTimestamp('2026-11-20T03:00:00')).toBe(Date.parse('2026-11-20T03:00:00Z'));
    expect(parseIsoTimestamp('2026-11-20T05:00:00+02:00')).toBe(Date.parse('2026-11-20T03:00:00Z'));
    expect(parseIsoTimestamp('yesterday')).toBeUndefined();
  });

  it('reports an operation the installed SDK does not know, so that outputs pass through', () => {
    expect(findOperation('glue', 'NoSuchOperation')).toBeUndefined();
  });
});

describe('CallBook', () => {
  const entry = (index: number, input: Record<string, unknown>, times?: number) => ({
    index,
    service: 'glue' as const,
    operation: 'GetJob',
    input,
    output: { n: index },
    ...(times ? { times } : {}),
  });

  it('prefers the most keys, then the first, and compares nested values deeply', () => {
    const book = new CallBook([
      entry(0, { JobName: 'a' }),
      entry(1, { JobName: 'a' }),
      entry(2, { JobName: 'a', X: [{ y: 1 }] }),
    ]);
    expect(book.take('glue', 'GetJob', { JobName: 'a' })?.index).toBe(0);
    expect(book.take('glue', 'GetJob', { JobName: 'a', X: [{ y: 1 }] })?.index).toBe(2);
    expect(book.take('glue', 'GetJob', { JobName: 'a', X: [{ y: 2 }] })?.index).toBe(0);
    expect(book.take('glue', 'GetJob', { JobName: 'b' })).toBeUndefined();
    expect(book.take('emr', 'GetJob', { JobName: 'a' })).toBeUndefined();
  });

  it('steps an entry aside after its times', () => {
    const book = new CallBook([entry(0, { JobName: 'a' }, 1), entry(1, {}, 2)]);
    expect([0, 1, 2, 3].map(() => book.take('glue', 'GetJob', { JobName: 'a' })?.index)).toEqual([
      0,
      1,
      1,
      undefined,
    ]);
  });
});
