import {
  GetMetricDataCommand,
  ListMetricsCommand,
  paginateGetMetricData,
  paginateListMetrics,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { collect, rejection, useReplay } from './helpers.js';

const replay = useReplay(undefined, { pageSizes: { metrics: 2, datapoints: 3 } });

const HEAP = {
  Namespace: 'Glue',
  MetricName: 'glue.driver.jvm.heap.usage',
  Dimensions: [
    { Name: 'Type', Value: 'gauge' },
    { Name: 'JobRunId', Value: 'jr_0a1b' },
    { Name: 'JobName', Value: 'orders-etl' },
  ],
};

function heapQuery(Id: string, Stat: string, Period = 60, Label?: string): MetricDataQuery {
  return { Id, ...(Label ? { Label } : {}), MetricStat: { Metric: HEAP, Period, Stat } };
}

const WINDOW = { StartTime: new Date('2026-11-20T03:00:00Z'), EndTime: new Date('2026-11-20T04:00:00Z') };

describe('ListMetrics', () => {
  it('filters by namespace, name and dimensions (any value when Value is absent), paginated', async () => {
    const pages = await collect(
      paginateListMetrics(
        { client: replay.aws.cloudwatch },
        { Namespace: 'Glue', Dimensions: [{ Name: 'JobName', Value: 'orders-etl' }, { Name: 'JobRunId' }] },
      ),
    );
    expect(pages.length).toBe(2);
    const metrics = pages.flatMap((page) => page.Metrics ?? []);
    expect(metrics.map((metric) => metric.MetricName)).toEqual([
      'glue.driver.jvm.heap.usage',
      'glue.driver.jvm.heap.usage',
      'glue.ALL.jvm.heap.usage',
    ]);
    expect(metrics[0]?.Dimensions).toContainEqual({ Name: 'JobRunId', Value: 'jr_0a1b' });
    const emr = await replay.aws.cloudwatch.send(
      new ListMetricsCommand({ Namespace: 'AWS/ElasticMapReduce' }),
    );
    expect(emr.Metrics?.map((metric) => metric.MetricName)).toEqual(['YARNMemoryAvailablePercentage']);
  });
});

describe('GetMetricData', () => {
  it('aggregates points into aligned period buckets under the request’s own ids and labels', async () => {
    const out = await replay.aws.cloudwatch.send(
      new GetMetricDataCommand({
        ...WINDOW,
        ScanBy: 'TimestampAscending',
        MaxDatapoints: 100,
        MetricDataQueries: [
          heapQuery('heapMax', 'Maximum', 60, 'heap max'),
          heapQuery('avg_2', 'Average', 120),
        ],
      }),
    );
    const [max, avg] = out.MetricDataResults ?? [];
    expect(max?.Id).toBe('heapMax');
    expect(max?.Label).toBe('heap max');
    expect(max?.StatusCode).toBe('PartialData');
    expect(max?.Timestamps?.[0]).toBeInstanceOf(Date);
    expect(max?.Timestamps?.map((t) => t.toISOString())).toEqual([
      '2026-11-20T03:00:00.000Z',
      '2026-11-20T03:01:00.000Z',
      '2026-11-20T03:02:00.000Z',
    ]);
    expect(max?.Values).toEqual([0.4, 0.9, 0.7]);
    expect(avg?.Id).toBe('avg_2');
    expect(avg?.Label).toBe('glue.driver.jvm.heap.usage');
    expect(avg?.Timestamps).toEqual([]);
    expect(out.NextToken).toBeDefined();
  });

  it('pages datapoints with the SDK paginator, newest first by default', async () => {
    const pages = await collect(
      paginateGetMetricData(
        { client: replay.aws.cloudwatch },
        {
          ...WINDOW,
          MetricDataQueries: [
            heapQuery('heap', 'Sum'),
            heapQuery('n', 'SampleCount', 120),
            heapQuery('p', 'p50', 3600),
          ],
        },
      ),
    );
    expect(pages.length).toBe(3);
    const byId = (id: string) =>
      pages.flatMap((page) => page.MetricDataResults ?? []).filter((r) => r.Id === id);
    expect(
      byId('heap')
        .flatMap((r) => r.Values)
        .map((v) => Number(v?.toFixed(6))),
    ).toEqual([0.95, 0.7, 1.4, 0.6]);
    expect(
      byId('heap')
        .flatMap((r) => r.Timestamps)
        .map((t) => t?.toISOString())[0],
    ).toBe('2026-11-20T03:05:00.000Z');
    expect(byId('n').flatMap((r) => r.Values)).toEqual([1, 1, 4]);
    expect(byId('p').flatMap((r) => r.Values)).toEqual([0.5]);
    expect(pages.at(-1)?.MetricDataResults?.every((r) => r.StatusCode === 'Complete')).toBe(true);
  });

  it('computes Minimum and percentiles over each bucket', async () => {
    const out = await replay.aws.cloudwatch.send(
      new GetMetricDataCommand({
        ...WINDOW,
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [heapQuery('lo', 'Minimum', 3600), heapQuery('hi', 'p99', 3600)],
      }),
    );
    expect(out.MetricDataResults?.map((r) => r.Values)).toEqual([[0.2], [0.95]]);
  });

  it('matches dimensions as an exact set and honours the time window', async () => {
    const out = await replay.aws.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date('2026-11-20T03:01:00Z'),
        EndTime: new Date('2026-11-20T03:02:00Z'),
        MetricDataQueries: [
          heapQuery('window', 'Sum'),
          {
            Id: 'subset',
            MetricStat: {
              Metric: { ...HEAP, Dimensions: HEAP.Dimensions.slice(0, 2) },
              Period: 60,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );
    expect(out.MetricDataResults?.map((r) => [r.Id, r.Values, r.StatusCode])).toEqual([
      ['window', [1.4], 'Complete'],
      ['subset', [], 'Complete'],
    ]);
  });

  it('refuses metric math with a 400 saying it is not replayed', async () => {
    const error = await rejection(
      replay.aws.cloudwatch.send(
        new GetMetricDataCommand({
          ...WINDOW,
          MetricDataQueries: [heapQuery('m1', 'Average'), { Id: 'e1', Expression: 'm1 * 100' }],
        }),
      ),
    );
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain('metric math is not replayed');
  });

  it('refuses query ids CloudWatch refuses and statistics it does not replay', async () => {
    const badId = await rejection(
      replay.aws.cloudwatch.send(
        new GetMetricDataCommand({ ...WINDOW, MetricDataQueries: [heapQuery('Heap', 'Sum')] }),
      ),
    );
    expect(badId.name).toBe('InvalidParameterValueException');
    const badStat = await rejection(
      replay.aws.cloudwatch.send(
        new GetMetricDataCommand({ ...WINDOW, MetricDataQueries: [heapQuery('h', 'TM(10%:90%)')] }),
      ),
    );
    expect(badStat.message).toContain('not replayed');
  });
});
