import { z } from 'zod';
import { parseIsoTimestamp } from './iso-time.js';

/**
 * zod schemas of the fixture files (shared/spec/fixture-format.md). Objects are strict: a fixture is
 * often written by hand, and a misspelt key ("ouput") must fail loudly rather than answer nothing.
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

const isoTimestamp = requiredString.refine((text) => parseIsoTimestamp(text) !== undefined, {
  message: 'expected an ISO-8601 timestamp such as 2026-11-20T03:09:41Z',
});

const jsonObject = z.record(z.string(), z.unknown(), { error: 'expected a JSON object' });

const targetSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('glue-job-run'),
      jobName: z.string().optional(),
      runId: z.string().optional(),
    }),
    z.strictObject({ kind: z.literal('glue-crawler'), crawlerName: nonEmptyString }),
    z.strictObject({ kind: z.literal('emr-step'), clusterId: nonEmptyString, stepId: z.string().optional() }),
    z.strictObject({
      kind: z.literal('log-files'),
      paths: z.array(z.string()),
      eventLogs: z.array(z.string()).optional(),
    }),
  ],
  { error: 'expected kind glue-job-run, glue-crawler, emr-step or log-files' },
);

export const scenarioSchema = z.strictObject({
  description: z.string().optional(),
  region: z.string().optional(),
  account: z.string().optional(),
  target: targetSchema,
  expect: z
    .strictObject({
      outcome: oneOf(['problem', 'no-problem', 'error-diagnosing']).optional(),
      top: z.string().optional(),
      also: z.array(z.string()).optional(),
    })
    .optional(),
});

const callErrorSchema = z.strictObject({
  code: nonEmptyString,
  message: z.string().optional(),
  status: z.number().int().min(400, 'expected an HTTP error status (400-599)').max(599).optional(),
});

const callEntrySchema = z
  .strictObject({
    service: oneOf(SERVICES),
    operation: nonEmptyString.regex(/^[A-Za-z0-9]+$/, 'expected an operation name such as GetJobRun'),
    input: jsonObject.optional(),
    output: jsonObject.optional(),
    error: callErrorSchema.optional(),
    times: z.number().int().positive('expected a positive integer').optional(),
    /** Free text for the fixture's reader; the replay ignores it. */
    comment: z.string().optional(),
  })
  .refine((entry) => !(entry.output && entry.error), { message: 'has both output and error; give one' });

export const callsSchema = z.array(callEntrySchema, { error: 'expected an array of call entries' });

const logEventSchema = z.strictObject({
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
  z.strictObject({
    namespace: nonEmptyString,
    name: nonEmptyString,
    dimensions: z.record(z.string(), z.string()).default({}),
    unit: z.string().optional(),
    points: z.array(pointSchema),
  }),
  { error: 'expected an array of metric series' },
);
