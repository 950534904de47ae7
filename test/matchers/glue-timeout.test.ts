import type { Evidence } from '../../src/evidence/model.js';
import { glueTimeout } from '../../src/matchers/glue-timeout.js';
import { matcherCases } from './harness.js';

const RUN: Evidence['glue'] = {
  run: {
    jobName: 'nightly-summary',
    runId: 'jr_0b8c',
    state: 'TIMEOUT',
    timeoutMin: 60,
    executionTimeSec: 3612,
    arguments: {},
  },
};

matcherCases(glueTimeout, {
  positive: [
    {
      name: 'Glue says TIMEOUT and the run facts give the limit',
      text: '2026-11-20 04:00:11,004 INFO [main] glue.ProcessLauncher: still writing partitions',
      status: { state: 'TIMEOUT', failed: true },
      glue: RUN,
      minConfidence: 0.9,
      summaryHas: ['TIMEOUT', '60 min', 'jr_0b8c'],
      vars: { timeoutMin: '60', longerTimeoutMin: '120' },
    },
    {
      name: 'an `aws glue get-job-run` dump in a log file',
      text: [
        '{',
        '    "JobRun": {',
        '        "Id": "jr_0b8c0e0f",',
        '        "JobName": "nightly-summary-etl",',
        '        "JobRunState": "TIMEOUT",',
        '        "ExecutionTime": 14400,',
        '        "Timeout": 240,',
        '        "GlueVersion": "4.0"',
        '    }',
        '}',
      ].join('\n'),
      minConfidence: 0.85,
      summaryHas: ['240 min'],
      vars: { timeoutMin: '240' },
    },
    {
      name: "an orchestrator's INFO line still counts when it reports the TIMEOUT state",
      text: '[2026-11-20, 05:00:27 UTC] {glue.py:203} INFO - Exiting Job jr_0b8c Run State: TIMEOUT',
      minConfidence: 0.85,
    },
    {
      name: 'an interactive session that timed out under dbt',
      text: '01:20:46  Glue adapter: Error in GlueCursor execute An error occurred (InvalidInputException) when calling the RunStatement operation: Session is not ready, session_id=dbt-glue-3f9e, status=TIMEOUT',
      summaryHas: ['dbt-glue-3f9e'],
    },
  ],
  negative: [
    {
      name: 'a job definition with its Timeout setting, and a run that SUCCEEDED',
      text: '{\n  "JobRunState": "SUCCEEDED",\n  "Timeout": 2880,\n  "ExecutionTime": 95\n}',
    },
    {
      name: 'a JDBC read timeout is not the run timing out',
      text: 'java.net.SocketTimeoutException: Read timed out\n\tat java.net.SocketInputStream.socketRead0(Native Method)',
    },
    {
      name: 'arguments that set a timeout',
      text: '--timeout 60 --job-name nightly-summary\n"--conf": "spark.network.timeout=600s"',
    },
    {
      name: 'a Step Functions state timing out is not a Glue run timing out',
      text: '{"type":"ExecutionTimedOut","executionTimedOutEventDetails":{"error":"States.Timeout"}}',
    },
  ],
});
