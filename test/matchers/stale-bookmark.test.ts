import type { Evidence } from '../../src/evidence/model.js';
import type { GlueRunHistoryEntry } from '../../src/evidence/glue.js';
import type { MetricSeries } from '../../src/evidence/metrics.js';
import { staleBookmark } from '../../src/matchers/stale-bookmark.js';
import { matcherCases } from './harness.js';

const ENABLE = { '--job-bookmark-option': 'job-bookmark-enable' };
const SUCCEEDED = { state: 'SUCCEEDED', failed: false };
const FAILED = { state: 'FAILED', failed: true };

function glue(opts: {
  state?: string;
  args?: Record<string, string>;
  history?: GlueRunHistoryEntry[];
  bookmark?: NonNullable<Evidence['glue']>['bookmark'];
  maxConcurrentRuns?: number;
}): Evidence['glue'] {
  return {
    run: {
      jobName: 'orders-etl',
      runId: 'jr_now',
      state: opts.state ?? 'SUCCEEDED',
      startedOn: '2026-11-20T03:00:00.000Z',
      completedOn: '2026-11-20T03:10:00.000Z',
      arguments: opts.args ?? ENABLE,
    },
    job: {
      name: 'orders-etl',
      defaultArguments: {},
      ...(opts.maxConcurrentRuns !== undefined ? { maxConcurrentRuns: opts.maxConcurrentRuns } : {}),
    },
    ...(opts.history ? { history: opts.history } : {}),
    bookmark: opts.bookmark ?? {
      option: 'job-bookmark-enable',
      state: 'saved',
      version: 12,
      run: 11,
      runId: 'jr_now',
      sources: [{ ctx: 'datasource0', kind: 'HadoopDataSourceJobBookmarkState', values: { RUN: '11' } }],
    },
  };
}

function run(
  runId: string,
  day: number,
  recordsRead: number | undefined,
  extra: Partial<GlueRunHistoryEntry> = {},
): GlueRunHistoryEntry {
  return {
    runId,
    state: 'SUCCEEDED',
    startedOn: `2026-11-${String(day).padStart(2, '0')}T03:00:00.000Z`,
    completedOn: `2026-11-${String(day).padStart(2, '0')}T03:10:00.000Z`,
    arguments: ENABLE,
    ...(recordsRead !== undefined ? { recordsRead } : {}),
    ...extra,
  };
}

const mismatchMetric: MetricSeries = {
  namespace: 'Glue',
  name: 'glue.error.GLUE_JOB_BOOKMARK_VERSION_MISMATCH_ERROR',
  dimensions: { JobName: 'orders-etl', JobRunId: 'jr_now', Type: 'count', ObservabilityGroup: 'error' },
  stat: 'Sum',
  periodSec: 60,
  points: [['2026-11-20T03:09:00.000Z', 1]],
  kind: 'error-category',
  scope: 'job',
};

matcherCases(staleBookmark, {
  positive: [
    {
      name: 'a later bookmark run that still processes every file',
      text: [
        'INFO [main] util.Job (Job.scala:init(97)): Job bookmark option: job-bookmark-enable, run 14, attempt 0',
        'INFO [main] hadoop.PartitionFilesListerUsingBookmark: After final job bookmarks filter, processing 100.00% of 1184 files in partition DynamicFramePartition(a)',
        'INFO [main] hadoop.PartitionFilesListerUsingBookmark: After final job bookmarks filter, processing 100.00% of 1201 files in partition DynamicFramePartition(b)',
      ].join('\n'),
      summaryHas: ['run 14', '100%'],
    },
    {
      name: 'a bookmarked run SUCCEEDED reading nothing after runs that read data',
      text: 'INFO GlueContext: job done',
      status: SUCCEEDED,
      glue: glue({ history: [run('jr_now', 20, 0), run('jr_prev', 19, 0), run('jr_data', 18, 125_000)] }),
      minConfidence: 0.8,
      summaryHas: [
        'read 0 records',
        'jr_data',
        'aws glue reset-job-bookmark --job-name orders-etl',
        'job.commit()',
        'transformation_ctx',
      ],
    },
    {
      name: 'bookmark filter lines drop every file (no metrics)',
      text:
        '2026-11-20 03:02:18,474 INFO [main] hadoop.PartitionFilesListerUsingBookmark (FileSystemBookmark.scala:apply(356)): After initial job bookmarks filter, processing 0.00% of 474 files in partition DynamicFramePartition(com.amazonaws.services.glue.DynamicRecord@1a1897f,s3://raw/orders/dt=2026-11-19,1621360560000).\n' +
        '2026-11-20 03:02:36,260 INFO [main] hadoop.PartitionFilesListerUsingBookmark (FileSystemBookmark.scala:apply(155)): After final job bookmarks filter, processing 0.00% of 0 files in partition DynamicFramePartition(com.amazonaws.services.glue.DynamicRecord@1a1897f,s3://raw/orders/dt=2026-11-19,1621360560000).',
      status: SUCCEEDED,
      glue: glue({}),
      summaryHas: ['filtered out every file'],
    },
    {
      name: 'VersionMismatchException with an overlapping run and MaxConcurrentRuns 3',
      text: 'com.amazonaws.services.glue.model.VersionMismatchException: Cannot update job bookmark: the bookmark version does not match (Service: AWSGlue; Status Code: 400; Error Code: VersionMismatchException)',
      status: FAILED,
      glue: glue({
        state: 'FAILED',
        maxConcurrentRuns: 3,
        history: [
          run('jr_now', 20, undefined, { state: 'FAILED' }),
          {
            runId: 'jr_other',
            state: 'SUCCEEDED',
            startedOn: '2026-11-20T03:01:00.000Z',
            completedOn: '2026-11-20T03:08:00.000Z',
            arguments: ENABLE,
          },
        ],
      }),
      minConfidence: 0.9,
      summaryHas: ['version mismatch', 'jr_other', 'allows 3 concurrent runs', 'reset-job-bookmark'],
    },
    {
      name: 'the version mismatch error category metric',
      text: 'INFO nothing',
      status: FAILED,
      glue: glue({ state: 'FAILED' }),
      metrics: [mismatchMetric],
      summaryHas: ['version mismatch'],
    },
    {
      name: 'no bookmark ever saved although runs succeed with bookmarks on: every run rereads everything',
      text: 'INFO nothing',
      status: SUCCEEDED,
      glue: glue({
        bookmark: { option: 'job-bookmark-enable', state: 'none' },
        history: [run('jr_now', 20, 100_000), run('jr_b', 19, 101_000), run('jr_c', 18, 99_500)],
      }),
      minConfidence: 0.75,
      summaryHas: ['never applied', 'job.commit()', 'rereads'],
    },
    {
      name: 'a saved bookmark with no source: no transformation_ctx',
      text: 'INFO nothing',
      status: SUCCEEDED,
      glue: glue({
        bookmark: { option: 'job-bookmark-enable', state: 'saved', version: 4, sources: [] },
        history: [run('jr_now', 20, undefined), run('jr_b', 19, undefined)],
      }),
      summaryHas: ['transformation_ctx'],
    },
  ],
  negative: [
    {
      name: 'the first bookmark run processes everything, as it should',
      text: [
        'INFO Job bookmark option: job-bookmark-enable, run 1, attempt 0',
        'INFO After final job bookmarks filter, processing 100.00% of 1184 files in partition DynamicFramePartition(a)',
        'INFO After final job bookmarks filter, processing 100.00% of 1201 files in partition DynamicFramePartition(b)',
      ].join('\n'),
    },
    {
      name: 'a later run that filters old files out',
      text: [
        'INFO Job bookmark option: job-bookmark-enable, run 9, attempt 0',
        'INFO After final job bookmarks filter, processing 4.20% of 1184 files in partition DynamicFramePartition(a)',
        'INFO After final job bookmarks filter, processing 100.00% of 12 files in partition DynamicFramePartition(b)',
      ].join('\n'),
    },
    {
      name: 'bookmarks disabled: reading nothing is not a bookmark problem',
      text: 'INFO nothing',
      status: SUCCEEDED,
      glue: glue({
        args: { '--job-bookmark-option': 'job-bookmark-disable' },
        history: [run('jr_now', 20, 0), run('jr_data', 19, 5000)],
      }),
    },
    {
      name: 'a bookmarked run that read new data',
      text: 'INFO nothing',
      status: SUCCEEDED,
      glue: glue({ history: [run('jr_now', 20, 1200), run('jr_data', 19, 5000)] }),
    },
    {
      name: 'nothing read, but no earlier run read anything either (no evidence against the input)',
      text: 'INFO nothing',
      status: SUCCEEDED,
      glue: glue({ history: [run('jr_now', 20, 0), run('jr_b', 19, undefined)] }),
    },
    {
      name: 'a failed run is left to the failure matchers',
      text: 'INFO nothing',
      status: FAILED,
      glue: glue({
        state: 'FAILED',
        history: [run('jr_now', 20, 0, { state: 'FAILED' }), run('jr_data', 19, 5000)],
      }),
    },
    {
      name: 'bookmark filter lines that process files',
      text: 'INFO [main] hadoop.PartitionFilesListerUsingBookmark: After final job bookmarks filter, processing 100.00% of 12 files in partition DynamicFramePartition(x,s3://raw/orders/dt=2026-11-20,1)',
      status: SUCCEEDED,
      glue: glue({}),
    },
    {
      name: 'a bookmark saved normally is not a mismatch',
      text: 'INFO JobBookmark: saved job bookmark version 12 for orders-etl',
      status: SUCCEEDED,
      glue: glue({}),
    },
  ],
});
