import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { Target } from '../../target.js';
import {
  callsSchema,
  logsSchema,
  metricsSchema,
  scenarioSchema,
  type ServiceName,
} from './fixture-schemas.js';
import { parseFixtureTime } from './iso-time.js';

export { SERVICES, type ServiceName } from './fixture-schemas.js';

/** A fixture file that cannot be read or does not follow the format; the message names file and field. */
export class FixtureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixtureError';
  }
}

export interface Scenario {
  description?: string;
  region?: string;
  account?: string;
  target: Target;
  expect?: { outcome?: 'problem' | 'no-problem' | 'error-diagnosing'; top?: string; also?: string[] };
}

export interface CallEntry {
  /** Position in calls.json: ties between equally specific entries go to the first. */
  index: number;
  service: ServiceName;
  operation: string;
  input: Record<string, unknown>;
  output?: Record<string, unknown>;
  error?: { code: string; message?: string; status?: number };
  times?: number;
}

export interface LogEvent {
  /** Epoch milliseconds. */
  timestamp: number;
  message: string;
  /** Epoch milliseconds. */
  ingestionTime: number;
}

/** Group name -> stream name -> events in time order. */
export type LogsData = Map<string, Map<string, LogEvent[]>>;

export interface MetricSeries {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  unit?: string;
  /** [epoch milliseconds, value], in time order. */
  points: [number, number][];
}

export interface Fixture {
  /** The folder it was read from. */
  dir: string;
  scenario?: Scenario;
  calls: CallEntry[];
  logs: LogsData;
  metrics: MetricSeries[];
  /** `<dir>/s3` when the folder has one: bucket folders of object bodies. */
  s3Dir?: string;
}

const FILES = ['scenario.json', 'calls.json', 'logs.json', 'metrics.json'] as const;

export async function loadFixture(dir: string): Promise<Fixture> {
  await requireDirectory(dir);
  const [scenarioRaw, callsRaw, logsRaw, metricsRaw] = await Promise.all(
    FILES.map((name) => readJsonIfPresent(path.join(dir, name))),
  );
  const s3Dir = (await isDirectory(path.join(dir, 's3'))) ? path.join(dir, 's3') : undefined;
  if ([scenarioRaw, callsRaw, logsRaw, metricsRaw].every((raw) => raw === undefined) && !s3Dir) {
    throw new FixtureError(`${dir}: not a fixture: it has none of ${FILES.join(', ')}, s3/`);
  }
  const scenario = validate(path.join(dir, 'scenario.json'), scenarioSchema, scenarioRaw);
  const calls = validate(path.join(dir, 'calls.json'), callsSchema, callsRaw) ?? [];
  const logs = validate(path.join(dir, 'logs.json'), logsSchema, logsRaw) ?? {};
  const metrics = validate(path.join(dir, 'metrics.json'), metricsSchema, metricsRaw) ?? [];
  return {
    dir,
    ...(scenario ? { scenario } : {}),
    calls: calls.map(({ comment: _comment, input, ...entry }, index) => ({
      ...entry,
      index,
      input: input ?? {},
    })),
    logs: toLogsData(logs),
    metrics: metrics.map(toMetricSeries),
    ...(s3Dir ? { s3Dir } : {}),
  };
}

async function requireDirectory(dir: string): Promise<void> {
  if (!(await isDirectory(dir))) throw new FixtureError(`${dir}: no such fixture folder`);
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function readJsonIfPresent(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FixtureError(`${file}: cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new FixtureError(`${file}: invalid JSON: ${(error as Error).message}`);
  }
}

function validate<S extends z.ZodType>(file: string, schema: S, raw: unknown): z.output<S> | undefined {
  if (raw === undefined) return undefined;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  const where = first && first.path.length > 0 ? `${formatPath(first.path)}: ` : '';
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  throw new FixtureError(`${file}: ${where}${first?.message ?? 'invalid'}${more}`);
}

/** `[3].service`, `input.JobName`, `["/aws-glue/jobs/error"].jr_1[0].timestamp`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment))
      out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

function toLogsData(raw: z.output<typeof logsSchema>): LogsData {
  const groups: LogsData = new Map();
  for (const [groupName, streams] of Object.entries(raw)) {
    const byStream = new Map<string, LogEvent[]>();
    for (const [streamName, events] of Object.entries(streams)) {
      const parsed = events.map((event) => {
        const timestamp = parseFixtureTime(event.timestamp) as number;
        const ingestion = event.ingestionTime ? (parseFixtureTime(event.ingestionTime) as number) : timestamp;
        return { timestamp, message: event.message, ingestionTime: ingestion };
      });
      // CloudWatch stores a stream in time order; a hand-written fixture slightly out of order is
      // served the way AWS would serve it (a stable sort keeps equal timestamps in file order).
      byStream.set(
        streamName,
        parsed.sort((a, b) => a.timestamp - b.timestamp),
      );
    }
    groups.set(groupName, byStream);
  }
  return groups;
}

function toMetricSeries(raw: z.output<typeof metricsSchema>[number]): MetricSeries {
  const points = raw.points
    .map(([time, value]): [number, number] => [parseFixtureTime(time) as number, value])
    .sort((a, b) => a[0] - b[0]);
  return {
    namespace: raw.namespace,
    name: raw.name,
    dimensions: raw.dimensions,
    ...(raw.unit ? { unit: raw.unit } : {}),
    points,
  };
}
