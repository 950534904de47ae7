import type { ReplayContext } from './context.js';
import type { MetricSeries } from './fixture.js';
import { toIso } from './iso-time.js';
import { computeStat, isSupportedStat } from './metric-stats.js';
import { pageLimit } from './page-sizes.js';
import { Params } from './params.js';
import { ReplayError } from './replay-error.js';
import { isPlainObject, timestampMillis } from './timestamps.js';
import { decodeToken, encodeToken, tokenOffset } from './tokens.js';

/**
 * CloudWatch metrics served from metrics.json: ListMetrics, and GetMetricData for MetricStat
 * queries, aggregated into period buckets aligned to the period as CloudWatch aligns them, and
 * returned under the request's own query ids. A metric the fixture lacks has no data, as in AWS.
 */
export const metricsHandlers = {
  ListMetrics: listMetrics,
  GetMetricData: getMetricData,
};

function invalidValue(message: string): ReplayError {
  return new ReplayError('InvalidParameterValueException', message);
}

function invalidToken(): ReplayError {
  return invalidValue('The value for parameter NextToken is invalid.');
}

interface Dimension {
  Name: string;
  Value?: string;
}

function readDimensions(value: unknown, where: string): Dimension[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidValue(`${where} must be a list.`);
  return value.map((item, i) => {
    const { Name, Value } = isPlainObject(item) ? item : {};
    if (typeof Name !== 'string' || (Value !== undefined && typeof Value !== 'string')) {
      throw invalidValue(`${where}.member.${i + 1} must have a Name and a string Value.`);
    }
    return { Name, ...(Value !== undefined ? { Value } : {}) };
  });
}

function toDimensionList(series: MetricSeries): { Name: string; Value: string }[] {
  return Object.entries(series.dimensions).map(([Name, Value]) => ({ Name, Value }));
}

function listMetrics(raw: Record<string, unknown>, ctx: ReplayContext): Record<string, unknown> {
  const params = new Params(raw, invalidValue);
  const namespace = params.string('Namespace');
  const metricName = params.string('MetricName');
  // ListMetrics filters: each given dimension must be on the metric (any value when Value is absent).
  const filters = readDimensions(params.raw.Dimensions, 'Dimensions');
  const matching = ctx.fixture.metrics.filter(
    (series) =>
      (namespace === undefined || series.namespace === namespace) &&
      (metricName === undefined || series.name === metricName) &&
      filters.every(
        ({ Name, Value }) =>
          Name in series.dimensions && (Value === undefined || series.dimensions[Name] === Value),
      ),
  );
  const offset = tokenOffset(decodeToken('ListMetrics', params.raw.NextToken, invalidToken), invalidToken);
  const end = offset + ctx.pageSizes.metrics;
  return {
    Metrics: matching.slice(offset, end).map((series) => ({
      Namespace: series.namespace,
      MetricName: series.name,
      Dimensions: toDimensionList(series),
    })),
    ...(end < matching.length ? { NextToken: encodeToken('ListMetrics', { o: end }) } : {}),
  };
}

interface StatQuery {
  id: string;
  label: string;
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
  periodMs: number;
  stat: string;
  unit?: string;
}

/** A query's datapoints in the order the request's ScanBy asks for. */
interface QuerySeries {
  query: StatQuery;
  points: [number, number][];
}

function getMetricData(raw: Record<string, unknown>, ctx: ReplayContext): Record<string, unknown> {
  const params = new Params(raw, invalidValue);
  const start = requiredTime(params, 'StartTime');
  const end = requiredTime(params, 'EndTime');
  if (end <= start) throw invalidValue('The parameter StartTime must be less than the parameter EndTime.');
  const scanBy = params.string('ScanBy') ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw invalidValue(`ScanBy must be TimestampDescending or TimestampAscending, not ${scanBy}.`);
  }
  const queries = readQueries(params.list('MetricDataQueries') ?? []);
  const results: QuerySeries[] = queries.map((query) => {
    const points = aggregate(query, matchingSeries(ctx.fixture.metrics, query), start, end);
    return { query, points: scanBy === 'TimestampAscending' ? points : points.reverse() };
  });
  return paginateResults(results, params, ctx);
}

function requiredTime(params: Params, key: string): number {
  const value = params.raw[key];
  if (value === undefined || value === null) {
    throw new ReplayError('MissingRequiredParameterException', `The parameter ${key} is required.`);
  }
  const ms = timestampMillis(value);
  if (ms === undefined) throw invalidValue(`The parameter ${key} must be a timestamp.`);
  return ms;
}

function readQueries(list: unknown[]): StatQuery[] {
  if (list.length === 0)
    throw invalidValue('The parameter MetricDataQueries must contain at least one query.');
  const ids = new Set<string>();
  const queries: StatQuery[] = [];
  list.forEach((item, i) => {
    const raw = (isPlainObject(item) ? item : {}) as Record<string, unknown>;
    const query = readQuery(raw, `MetricDataQueries.member.${i + 1}`);
    if (ids.has(query.id))
      throw invalidValue(`The value ${query.id} for parameter Id is used more than once.`);
    ids.add(query.id);
    if (raw.ReturnData !== false) queries.push(query);
  });
  return queries;
}

function readQuery(raw: Record<string, unknown>, where: string): StatQuery {
  const id = raw.Id;
  if (typeof id !== 'string' || !/^[a-z][a-zA-Z0-9_]*$/.test(id)) {
    throw invalidValue(
      `The value ${String(id)} for parameter ${where}.Id is invalid: it must start with a lowercase letter.`,
    );
  }
  if (raw.Expression !== undefined) {
    throw invalidValue(
      `${where} (Id ${id}) is a metric math expression: metric math is not replayed; use MetricStat.`,
    );
  }
  const stat = isPlainObject(raw.MetricStat) ? raw.MetricStat : {};
  const metric = isPlainObject(stat.Metric) ? stat.Metric : {};
  if (typeof metric.Namespace !== 'string' || typeof metric.MetricName !== 'string') {
    throw invalidValue(`${where}.MetricStat.Metric must have a Namespace and a MetricName.`);
  }
  const period = stat.Period;
  if (typeof period !== 'number' || !Number.isInteger(period) || period < 1) {
    throw invalidValue(`The value ${String(period)} for parameter ${where}.MetricStat.Period is invalid.`);
  }
  if (typeof stat.Stat !== 'string' || !isSupportedStat(stat.Stat)) {
    throw invalidValue(
      `The value ${String(stat.Stat)} for parameter ${where}.MetricStat.Stat is not replayed: ` +
        'use Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99.',
    );
  }
  return {
    id,
    label: typeof raw.Label === 'string' ? raw.Label : metric.MetricName,
    namespace: metric.Namespace,
    metricName: metric.MetricName,
    dimensions: readDimensions(metric.Dimensions, `${where}.MetricStat.Metric.Dimensions`),
    periodMs: period * 1000,
    stat: stat.Stat,
    ...(typeof stat.Unit === 'string' ? { unit: stat.Unit } : {}),
  };
}

/** GetMetricData names a metric by its exact set of dimensions. */
function matchingSeries(all: readonly MetricSeries[], query: StatQuery): MetricSeries[] {
  return all.filter(
    (series) =>
      series.namespace === query.namespace &&
      series.name === query.metricName &&
      (query.unit === undefined || series.unit === undefined || series.unit === query.unit) &&
      Object.keys(series.dimensions).length === query.dimensions.length &&
      query.dimensions.every(({ Name, Value }) => series.dimensions[Name] === Value),
  );
}

/** Points in [start, end), bucketed by period from the epoch, one statistic per bucket, ascending. */
function aggregate(query: StatQuery, series: MetricSeries[], start: number, end: number): [number, number][] {
  const buckets = new Map<number, number[]>();
  for (const [time, value] of series.flatMap((s) => s.points)) {
    if (time < start || time >= end) continue;
    const bucket = Math.floor(time / query.periodMs) * query.periodMs;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), value]);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([bucket, values]): [number, number] => [bucket, computeStat(query.stat, values)]);
}

/**
 * A page holds at most min(MaxDatapoints, the replay's page) datapoints over all queries, in query
 * order; every query appears on every page, `PartialData` while it has points on later pages.
 */
function paginateResults(
  results: QuerySeries[],
  params: Params,
  ctx: ReplayContext,
): Record<string, unknown> {
  const limit = pageLimit(params.limit('MaxDatapoints'), ctx.pageSizes.datapoints);
  const offset = tokenOffset(decodeToken('GetMetricData', params.raw.NextToken, invalidToken), invalidToken);
  const total = results.reduce((count, result) => count + result.points.length, 0);
  let before = 0;
  const MetricDataResults = results.map(({ query, points }) => {
    const from = Math.min(points.length, Math.max(0, offset - before));
    const to = Math.min(points.length, Math.max(0, offset + limit - before));
    before += points.length;
    const slice = points.slice(from, to);
    return {
      Id: query.id,
      Label: query.label,
      Timestamps: slice.map(([time]) => toIso(time)),
      Values: slice.map(([, value]) => value),
      StatusCode: to < points.length ? 'PartialData' : 'Complete',
    };
  });
  const next = offset + limit;
  return {
    MetricDataResults,
    Messages: [],
    ...(next < total ? { NextToken: encodeToken('GetMetricData', { o: next }) } : {}),
  };
}
