import { z } from 'zod';
import { parseFixtureTime, parseIsoTimestamp } from './iso-time.js';

/**
 * zod schemas of the fixture files (shared/spec/fixture-format.md). Fixtures are written by hand and by
 * other tools, so keys beyond the spec are allowed (notes, comments, recorder metadata); but a key that
 * looks like a misspelt spec key ("ouput") fails loudly rather than answering nothing.
 */

export const SERVICES = ['glue', 'emr', 'logs', 'cloudwatch', 's3'] as const;
export type ServiceName = (typeof SERVICES)[number];

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) => (issue.input === undefined ? 'required' : `expected one of ${values.join(', ')}`),
  });
}

const requiredString = z.string({
  error: (issue) => (issue.input === undefined ? 'required' : 'expected a string'),
});

const nonEmptyString = requiredString.min(1, 'must not be empty');

const isoTimestamp = z
  .union([requiredString, z.number()], {
    error: 'expected an ISO-8601 timestamp such as 2026-11-20T03:09:41Z',
  })
  .refine((value) => parseFixtureTime(value) !== undefined, {
    message: 'expected an ISO-8601 timestamp such as 2026-11-20T03:09:41Z',
  });
void parseIsoTimestamp;

/** Edit distance, to tell a misspelt key from an extra one. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

/** An object that allows extra keys but rejects near-misses of its own keys. */
function lenientObject<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.looseObject(shape).superRefine((value, ctx) => {
    for (const key of Object.keys(value as object)) {
      if (known.includes(key)) continue;
      const near = known
        .map((k) => ({ k, d: distance(key.toLowerCase(), k.toLowerCase()) }))
        .filter((x) => x.d <= 2)
        .sort((a, b) => a.d - b.d)[0]?.k;
      if (near)
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown key; did you mean "${near}"?` });
    }
  });
}

const jsonObject = z.record(z.string(), z.unknown(), { error: 'expected a JSON object' });

const targetSchema = z.discriminatedUnion(
  'kind',
  [
    lenientObject({
      kind: z.literal('glue-job-run'),
      jobName: z.string().optional(),
      runId: z.string().optional(),
    }),
    lenientObject({ kind: z.literal('glue-crawler'), crawlerName: nonEmptyString }),
    lenientObject({ kind: z.literal('emr-step'), clusterId: nonEmptyString, stepId: z.string().optional() }),
    lenientObject({
      kind: z.literal('log-files'),
      paths: z.array(z.string()),
      eventLogs: z.array(z.string()).optional(),
    }),
  ],
  { error: 'expected kind glue-job-run, glue-crawler, emr-step or log-files' },
);

export const scenarioSchema = lenientObject({
  description: z.string().optional(),
  region: z.string().optional(),
  account: z.string().optional(),
  target: targetSchema,
  expect: z
    .object({
      outcome: oneOf(['problem', 'no-problem', 'error-diagnosing']).optional(),
      top: z.string().optional(),
      also: z.array(z.string()).optional(),
    })
    .optional(),
});

const callErrorSchema = lenientObject({
  code: nonEmptyString,
  message: z.string().optional(),
  status: z.number().int().min(400, 'expected an HTTP error status (400-599)').max(599).optional(),
});

const callEntrySchema = lenientObject({
  service: oneOf(SERVICES),
  operation: nonEmptyString.regex(/^[A-Za-z0-9]+$/, 'expected an operation name such as GetJobRun'),
  input: jsonObject.optional(),
  output: jsonObject.optional(),
  error: callErrorSchema.optional(),
  times: z.number().int().positive('expected a positive integer').optional(),
  /** Free text for the fixture's reader; the replay ignores it. */
  comment: z.string().optional(),
}).refine((entry) => !(entry.output && entry.error), { message: 'has both output and error; give one' });

export const callsSchema = z.array(callEntrySchema, { error: 'expected an array of call entries' });

const logEventSchema = lenientObject({
  timestamp: isoTimestamp,
  message: requiredString,
  /** When CloudWatch received the event; defaults to its timestamp. */
  ingestionTime: isoTimestamp.optional(),
});

export const logsSchema = z.record(
  z.string().min(1),
  z.record(z.string().min(1), z.array(logEventSchema, { error: 'expected an array of events' }), {
    error: 'expected an object of log stream name -> events',
  }),
  { error: 'expected an object of log group name -> streams' },
);

const pointSchema = z.tuple([isoTimestamp, z.number({ error: 'expected a number' })], {
  error: 'expected a [timestamp, value] pair',
});

export const metricsSchema = z.array(
  lenientObject({
    namespace: nonEmptyString,
    name: nonEmptyString,
    dimensions: z.record(z.string(), z.string()).default({}),
    unit: z.string().optional(),
    points: z.array(pointSchema),
  }),
  { error: 'expected an array of metric series' },
);
