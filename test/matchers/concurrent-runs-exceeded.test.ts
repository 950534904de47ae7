import { concurrentRunsExceeded } from '../../src/matchers/concurrent-runs-exceeded.js';
import { matcherCases } from './harness.js';

matcherCases(concurrentRunsExceeded, {
  positive: [
    {
      name: 'boto3 from a Lambda function that starts the job',
      text: '[ERROR]\t2023-01-18T19:42:07.904Z\t5b1f0c2e-8d1a-4f57-9a53-0e4e3f9c2a71\t{/var/task/app.py:139} ERROR - An error occurred (ConcurrentRunsExceededException) when calling the StartJobRun operation: Concurrent runs exceeded for nightly-orders',
      minConfidence: 0.9,
      summaryHas: ['StartJobRun', 'nightly-orders'],
      vars: { jobName: 'nightly-orders' },
    },
    {
      name: "the run's ErrorMessage from the Glue API",
      text: 'INFO nothing in the logs: the run never started',
      apiMessage: 'Max concurrent runs exceeded',
      status: { state: 'FAILED', failed: true },
      minConfidence: 0.95,
    },
    {
      name: 'the Java SDK exception from a Scala orchestrator',
      text: 'Exception in thread "main" com.amazonaws.services.glue.model.ConcurrentRunsExceededException: Concurrent runs exceeded for sales-etl (Service: AWSGlue; Status Code: 400; Error Code: ConcurrentRunsExceededException; Request ID: 0d1c2b3a)',
      vars: { jobName: 'sales-etl' },
    },
    {
      name: 'a Step Functions task failure',
      text: '{"type":"TaskFailed","taskFailedEventDetails":{"resourceType":"glue","resource":"startJobRun.sync","error":"Glue.ConcurrentRunsExceededException","cause":"Concurrent runs exceeded for ingest-clicks (Service: AWSGlue; Status Code: 400; Error Code: ConcurrentRunsExceededException)"}}',
      vars: { jobName: 'ingest-clicks' },
    },
  ],
  negative: [
    {
      name: "the job definition's MaxConcurrentRuns",
      text: '{\n  "Name": "nightly-orders",\n  "ExecutionProperty": {\n    "MaxConcurrentRuns": 1\n  }\n}',
    },
    {
      name: 'refused once, retried, then the run started and succeeded',
      text: [
        '2026-11-20 03:00:01,117 WARN  starter: ConcurrentRunsExceededException for nightly-orders, will retry in 60 s',
        '2026-11-20 03:01:02,004 INFO  starter: started jr_abc for nightly-orders',
        '2026-11-20 03:19:40,550 INFO  starter: Job run succeeded',
      ].join('\n'),
    },
    {
      name: 'a DEBUG line of a retry policy',
      text: '2026-11-20 03:00:01,117 DEBUG GlueJobHook: ConcurrentRunsExceededException is retryable; backing off',
    },
  ],
});
