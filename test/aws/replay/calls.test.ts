import { GetJobCommand, GetJobRunCommand, GetTableCommand, paginateGetJobRuns } from '@aws-sdk/client-glue';
import { DescribeClusterCommand, DescribeStepCommand } from '@aws-sdk/client-emr';
import {
  FilterLogEventsCommand,
  GetLogEventsCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { createClients, REPLAY_CREDENTIALS } from '../../../src/aws/clients.js';
import { REPLAY_NO_ANSWER_CODE } from '../../../src/aws/replay/replay-error.js';
import { collect, rejection, useReplay } from './helpers.js';

const replay = useReplay();

describe('calls.json answers', () => {
  it('serves the most specific matching entry, with timestamps as Dates and string maps untouched', async () => {
    const { JobRun } = await replay.aws.glue.send(
      new GetJobRunCommand({ JobName: 'orders-etl', RunId: 'jr_0a1b' }),
    );
    expect(JobRun?.Id).toBe('jr_0a1b');
    expect(JobRun?.StartedOn).toBeInstanceOf(Date);
    expect(JobRun?.StartedOn?.toISOString()).toBe('2026-11-20T03:00:00.000Z');
    expect(JobRun?.CompletedOn?.toISOString()).toBe('2026-11-20T03:14:15.250Z');
    expect(JobRun?.ExecutionTime).toBe(855);
    expect(JobRun?.Arguments).toEqual({ '--run-date': '2026-11-20T00:00:00Z', '--enable-metrics': 'true' });
  });

  it('falls back to the less specific entry when the more specific one does not match', async () => {
    const { JobRun } = await replay.aws.glue.send(
      new GetJobRunCommand({ JobName: 'orders-etl', RunId: 'jr_x' }),
    );
    expect(JobRun?.Id).toBe('jr_other');
  });

  it('serves paginated answers keyed by NextToken through the SDK paginator', async () => {
    const pages = await collect(paginateGetJobRuns({ client: replay.aws.glue }, { JobName: 'orders-etl' }));
    expect(pages.flatMap((page) => page.JobRuns ?? []).map((run) => run.Id)).toEqual([
      'jr_0a1b',
      'jr_9f8e',
      'jr_7c6d',
    ]);
    expect(pages[1]?.JobRuns?.[0]?.StartedOn).toBeInstanceOf(Date);
  });

  it('answers an entry with times: N exactly N times, then steps aside to the next match', async () => {
    for (let i = 0; i < 2; i += 1) {
      const error = await rejection(replay.aws.glue.send(new GetJobCommand({ JobName: 'throttled-job' })));
      expect(error.name).toBe('ThrottlingException');
      expect(error.message).toBe('Rate exceeded');
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
    const { Job } = await replay.aws.glue.send(new GetJobCommand({ JobName: 'throttled-job' }));
    expect(Job?.GlueVersion).toBe('4.0');
  });

  it('lets the SDK retry through injected throttling', async () => {
    const retrying = createClients({
      endpointUrl: replay.server.url,
      region: 'us-east-1',
      credentials: REPLAY_CREDENTIALS,
      retryDelayMs: 0,
    });
    try {
      // One injected throttle on this group, then the data answers.
      const out = await retrying.logs.send(
        new FilterLogEventsCommand({ logGroupName: '/aws-glue/jobs/throttled' }),
      );
      expect(out.events?.map((event) => event.message)).toEqual(['INFO after throttle']);
    } finally {
      retrying.destroy();
    }
  });

  it('surfaces injected errors with their code and status', async () => {
    const denied = await rejection(replay.aws.glue.send(new GetJobCommand({ JobName: 'secret-job' })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.$metadata?.httpStatusCode).toBe(403);

    const logsDenied = await rejection(
      replay.aws.logs.send(
        new GetLogEventsCommand({ logGroupName: '/aws-glue/jobs/error', logStreamName: 'jr_denied' }),
      ),
    );
    expect(logsDenied.name).toBe('AccessDeniedException');
    expect(logsDenied.message).toBe('not allowed');
  });

  it('surfaces CloudWatch (query-compatible JSON) errors as the SDK does against AWS', async () => {
    const throttled = await rejection(
      replay.aws.cloudwatch.send(new ListMetricsCommand({ Namespace: 'Throttled' })),
    );
    expect(throttled.name).toBe('Throttling');
    expect(throttled.message).toBe('Rate exceeded');
    expect(throttled.$metadata?.httpStatusCode).toBe(400);

    const invalid = await rejection(
      replay.aws.cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date('2026-01-01T00:00:00Z'),
          EndTime: new Date('2026-01-02T00:00:00Z'),
          MetricDataQueries: [],
        }),
      ),
    );
    expect(invalid.name).toBe('InvalidParameterValueException');
    expect(invalid.message).toBe('bad window');
  });

  it('writes ISO timestamps of recorded CloudWatch Logs answers as epoch-millisecond longs', async () => {
    const out = await replay.aws.logs.send(
      new GetLogEventsCommand({ logGroupName: '/recorded', logStreamName: 's' }),
    );
    expect(out.events).toEqual([
      { timestamp: Date.parse('2026-11-20T03:00:00Z'), message: 'recorded', ingestionTime: 1795143601000 },
    ]);
  });

  it('serves EMR answers with epoch-second timestamps read back as Dates', async () => {
    const { Step } = await replay.aws.emr.send(
      new DescribeStepCommand({ ClusterId: 'j-2AXXXXXXGAPLF', StepId: 's-1234' }),
    );
    expect(Step?.Status?.State).toBe('FAILED');
    expect(Step?.Status?.Timeline?.EndDateTime?.toISOString()).toBe('2026-11-20T03:05:00.000Z');
  });
});

describe('requests the fixture lacks', () => {
  it('answers Glue with EntityNotFoundException', async () => {
    const error = await rejection(
      replay.aws.glue.send(new GetTableCommand({ DatabaseName: 'db', Name: 't' })),
    );
    expect(error.name).toBe('EntityNotFoundException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain('glue GetTable');
    expect(error.message).toContain('"DatabaseName":"db"');
  });

  it('answers EMR with InvalidRequestException', async () => {
    const error = await rejection(replay.aws.emr.send(new DescribeClusterCommand({ ClusterId: 'j-NOPE' })));
    expect(error.name).toBe('InvalidRequestException');
    expect(error.message).toContain('emr DescribeCluster');
    expect(error.message).toContain('j-NOPE');
  });

  it('answers other services with a 400 naming service, operation and input', async () => {
    const error = await rejection(
      replay.aws.logs.send(
        new StartQueryCommand({
          logGroupName: '/x',
          startTime: 1,
          endTime: 2,
          queryString: 'fields @message',
        }),
      ),
    );
    expect(error.name).toBe(REPLAY_NO_ANSWER_CODE);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain('logs StartQuery');
    expect(error.message).toContain('fields @message');
  });

  it('counts every request', () => {
    expect(replay.server.requestCount()).toBeGreaterThan(10);
  });
});
