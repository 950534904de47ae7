import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/engine/diagnose.js';
import type { Report } from '../../src/engine/report.js';
import { evidenceFrom, type TextCase } from '../helpers/evidence.js';

/** Whole logs through the engine: which symptom is the diagnosis, and what explains what. */
function run(c: TextCase): Report {
  return diagnose(evidenceFrom(c));
}

function symptoms(report: Report): string[] {
  return report.findings.map((f) => f.symptom);
}

const FAILED = { state: 'FAILED', failed: true };
const SUCCEEDED = { state: 'SUCCEEDED', failed: false };

const JDBC_TIMEOUT = [
  '2021-07-15 09:18:02,114 INFO [main] glue.GlueContext: JDBC source: jdbc:postgresql://billing-db.internal.example.com:5432/billing, table: invoices',
  '2021-07-15 09:20:13,771 WARN [main] jdbc.JdbcUtils: connect timed out, retrying (1/3)',
  '2021-07-15 09:22:13,771 WARN [main] jdbc.JdbcUtils: connect timed out, retrying (2/3)',
  '2021-07-15 09:24:14,002 ERROR [main] glue.ProcessLauncher: Error from Python:Traceback (most recent call last):',
  '  File "/tmp/export_invoices.py", line 22, in <module>',
  '    df = spark.read.jdbc(url, "invoices", properties=props)',
  'py4j.protocol.Py4JJavaError: An error occurred while calling o77.jdbc.',
  ': org.postgresql.util.PSQLException: The connection attempt failed.',
  'Caused by: java.net.SocketTimeoutException: connect timed out',
  '\tat java.net.PlainSocketImpl.socketConnect(Native Method)',
].join('\n');

describe('differential diagnosis: the cause first, effects named', () => {
  it('a full local disk explains the executors lost after it', () => {
    const report = run({
      role: 'driver',
      status: FAILED,
      text: [
        '24/03/11 02:41:17 WARN TaskSetManager: Lost task 41.0 in stage 7.0 (TID 3391) (10.0.0.9 executor 4): java.io.IOException: No space left on device',
        '\tat java.io.FileOutputStream.writeBytes(Native Method)',
        '\tat org.apache.spark.storage.DiskBlockObjectWriter.write(DiskBlockObjectWriter.scala:271)',
        '24/03/11 02:42:03 ERROR YarnScheduler: Lost executor 4 on 10.0.0.9: Container marked as failed: container_1700000000000_0001_01_000005 on host: 10.0.0.9. Exit status: 1.',
        '24/03/11 02:42:03 WARN TaskSetManager: Lost task 42.0 in stage 7.0 (TID 3392) (10.0.0.9 executor 4): ExecutorLostFailure (executor 4 exited caused by one of the running tasks) Reason: Container marked as failed',
      ].join('\n'),
    });
    expect(symptoms(report).slice(0, 2)).toEqual(['disk-full', 'executor-lost']);
    expect(report.findings[1]!.causedBy).toBe('disk-full');
    expect(report.findings[0]!.explains).toContain('executor-lost');
  });

  it('a JDBC connect timeout that ends in a failure is a connection failure', () => {
    const report = run({ status: FAILED, text: JDBC_TIMEOUT });
    expect(report.findings[0]!.symptom).toBe('connection-failure');
    expect(report.findings[0]!.summary).toContain('billing-db.internal.example.com:5432');
    expect(report.findings[0]!.playbook.meaning).toContain('billing-db.internal.example.com:5432');
  });

  it('JDBC timeouts explain a run that then hit its timeout', () => {
    const report = run({
      status: { state: 'TIMEOUT', failed: true },
      glue: {
        run: { jobName: 'export-invoices', runId: 'jr_1', state: 'TIMEOUT', timeoutMin: 30, arguments: {} },
      },
      text: JDBC_TIMEOUT.split('\n').slice(0, 3).join('\n'),
    });
    expect(symptoms(report)).toEqual(['connection-failure', 'glue-timeout']);
    expect(report.findings[1]!.causedBy).toBe('connection-failure');
  });

  it('S3 throttling explains a run that timed out', () => {
    const report = run({
      status: { state: 'TIMEOUT', failed: true },
      text: Array.from(
        { length: 4 },
        (_, i) =>
          `24/05/01 10:0${i}:01 WARN TaskSetManager: Lost task ${i}.0 in stage 3.0 (TID ${40 + i}) (10.0.0.5 executor 2): com.amazonaws.services.s3.model.AmazonS3Exception: Slow Down (Service: Amazon S3; Status Code: 503; Error Code: SlowDown; Request ID: R${i})`,
      ).join('\n'),
    });
    expect(symptoms(report)).toEqual(['s3-throttling', 'glue-timeout']);
    expect(report.findings[1]!.summary).toContain('This is an effect of s3-throttling.');
  });

  it("the step's main class is an AM launch failure, not a missing dependency", () => {
    const report = run({
      text: [
        'Warning: Skip remote jar s3://code-bucket/jars/etl-1.0.jar.',
        'java.lang.ClassNotFoundException: org.example.WordCountTask',
        '\tat java.net.URLClassLoader.findClass(URLClassLoader.java:381)',
        '\tat java.lang.Class.forName(Class.java:348)',
        '\tat org.apache.spark.util.Utils$.classForName(Utils.scala:229)',
        '\tat org.apache.spark.deploy.SparkSubmit$.org$apache$spark$deploy$SparkSubmit$$runMain(SparkSubmit.scala:695)',
        "Command exiting with ret '1'",
      ].join('\n'),
    });
    expect(symptoms(report)).toEqual(['am-launch-failure']);
  });

  it('a session timeout reported as InvalidInputException is a timeout, not an invalid argument', () => {
    const report = run({
      text: '01:20:46  Glue adapter: Error in GlueCursor execute An error occurred (InvalidInputException) when calling the RunStatement operation: Session is not ready, session_id=dbt-glue-3f9e, status=TIMEOUT\n01:20:46  35 of 69 ERROR creating sql incremental model analytics.fct_refunds ...... [ERROR in 13.02s]',
    });
    expect(symptoms(report)).toEqual(['glue-timeout']);
  });

  it('a Lake Formation denial wrapped in IllegalArgumentException is access-denied', () => {
    const report = run({
      status: FAILED,
      text: '2024-09-13 08:22:47,390 ERROR [main] glue.ProcessLauncher: Error from Python:Traceback (most recent call last):\n  File "/tmp/create_table.py", line 41, in <module>\npyspark.sql.utils.IllegalArgumentException: software.amazon.awssdk.services.lakeformation.model.AccessDeniedException: Access is not allowed. (Service: LakeFormation, Status Code: 400, Request ID: 9d0f3c2a)',
    });
    expect(symptoms(report)).toEqual(['access-denied']);
  });

  it('a missing dependency makes the AM exit: the import error is the cause', () => {
    const report = run({
      status: FAILED,
      text: [
        'Traceback (most recent call last):',
        '  File "/mnt/tmp/job.py", line 3, in <module>',
        '    import requests_aws4auth',
        "ModuleNotFoundError: No module named 'requests_aws4auth'",
        'Application application_1700000000000_0009 failed 2 times due to AM Container for appattempt_1700000000000_0009_000002 exited with  exitCode: 1',
      ].join('\n'),
    });
    expect(symptoms(report)).toEqual(['module-not-found', 'am-launch-failure']);
    expect(report.findings[0]!.playbook.meaning).toContain('requests_aws4auth');
  });

  it('optional-class probing at DEBUG does not compete with the real failure', () => {
    const report = run({
      status: FAILED,
      text: [
        '24/01/10 12:00:01 DEBUG S3AFileSystem: Could not load optional delegation token support',
        'java.lang.ClassNotFoundException: org.apache.hadoop.fs.s3a.auth.delegation.S3ADelegationTokens',
        '\tat java.net.URLClassLoader.findClass(URLClassLoader.java:387)',
        'pyspark.sql.utils.AnalysisException: Path does not exist: s3://raw-zone/events/dt=2026-11-20;',
      ].join('\n'),
    });
    expect(symptoms(report)).toEqual(['input-path-missing']);
  });

  it('a file collision in a retried task is not the diagnosis when the first attempt died', () => {
    const report = run({
      role: 'driver',
      status: FAILED,
      text: [
        '24/05/01 10:00:00 WARN TaskSetManager: Lost task 7.0 in stage 3.0 (TID 60) (10.0.0.5 executor 4): java.lang.OutOfMemoryError: Java heap space',
        '24/05/01 10:00:01 WARN TaskSetManager: Lost task 7.1 in stage 3.0 (TID 61) (10.0.0.6 executor 5): org.apache.hadoop.fs.FileAlreadyExistsException: File already exists: s3://lake/out/part-00007-3c1e.snappy.parquet',
        '24/05/01 10:00:09 ERROR TaskSetManager: Task 7 in stage 3.0 failed 4 times; aborting job',
      ].join('\n'),
    });
    expect(report.findings[0]!.symptom).toBe('executor-oom');
    const collision = report.findings.find((f) => f.symptom === 'output-path-exists');
    expect(collision?.confidence ?? 0).toBeLessThan(0.5);
  });

  it('a throttle that was only retried, with no outcome, is reported with low confidence', () => {
    const report = run({
      text: '24/05/01 10:00:01 WARN S3NativeFileSystem: com.amazonaws.services.s3.model.AmazonS3Exception: Slow Down (Service: Amazon S3; Status Code: 503; Error Code: SlowDown), retrying',
    });
    expect(report.findings[0]!.symptom).toBe('s3-throttling');
    expect(report.findings[0]!.confidence).toBeLessThanOrEqual(0.5);
  });

  it('a run AWS says SUCCEEDED keeps recovered warnings as notes', () => {
    const report = run({
      status: SUCCEEDED,
      text: '24/05/01 10:00:01 WARN TaskSetManager: Lost task 2.0 in stage 1.0 (TID 5) (10.0.0.5 executor 2): com.amazonaws.services.s3.model.AmazonS3Exception: Slow Down (Service: Amazon S3; Status Code: 503; Error Code: SlowDown)',
    });
    expect(report.findings).toEqual([]);
    expect(report.outcome).toBe('no-problem');
    expect(report.notes.join('\n')).toContain('s3-throttling');
  });
});

describe('real-world text', () => {
  it('a very long JSON line with replacement characters and CRLF still names the principal', () => {
    const padding = `"context":"${'x\uFFFD'.repeat(6000)}"`;
    const line = `{"level":"ERROR",${padding},"message":"An error occurred (AccessDeniedException) when calling the GetTable operation: User: arn:aws:sts::111122223333:assumed-role/GlueJobRole/GlueJobRunnerSession is not authorized to perform: glue:GetTable on resource: arn:aws:glue:us-east-1:111122223333:table/sales/orders because no identity-based policy allows the glue:GetTable action"}`;
    const report = run({ status: FAILED, text: `INFO start\r\n${line}\r\nINFO end\r\n` });
    expect(report.findings[0]!.symptom).toBe('access-denied');
    expect(report.findings[0]!.summary).toContain('glue:GetTable');
    expect(report.findings[0]!.summary).toContain('arn:aws:glue:us-east-1:111122223333:table/sales/orders');
  });
});

describe('healthy logs: no findings', () => {
  const healthy: { name: string; text: string }[] = [
    {
      name: 'JVM flags and a configuration dump',
      text: [
        "/usr/lib/jvm/java/bin/java -server -Xmx10g '-XX:OnOutOfMemoryError=kill -9 %p' -Dspark.hadoop.fs.s3.maxRetries=20 org.apache.spark.executor.CoarseGrainedExecutorBackend",
        'spark.local.dir=/mnt/spark-tmp  # avoids No space left on device on /tmp',
        'spark.hadoop.fs.s3a.retry.throttle.limit=20  # for 503 Slow Down',
        '24/05/01 10:04:17 INFO ApplicationMaster: Final app status: SUCCEEDED, exitCode: 0',
      ].join('\n'),
    },
    {
      name: 'an S3 503 retried, then the step completed',
      text: [
        '24/05/01 10:00:01 WARN S3NativeFileSystem: com.amazonaws.services.s3.model.AmazonS3Exception: Slow Down (Service: Amazon S3; Status Code: 503; Error Code: SlowDown). Retrying in 400 ms',
        '24/05/01 10:00:02 INFO S3NativeFileSystem: request succeeded after 1 retries',
        '24/05/01 10:04:17 INFO ApplicationMaster: Final app status: SUCCEEDED, exitCode: 0',
      ].join('\n'),
    },
    {
      name: 'pip resolver warnings at Python shell start-up',
      text: [
        "ERROR: pip's dependency resolver does not currently take into account all the packages that are installed. This behaviour is the source of the following dependency conflicts.",
        'awsglue-dev 1.0.0 requires pyspark==3.3.0, which is not installed.',
        'Successfully installed pyarrow-12.0.1',
        '2026-11-20 03:09:12,000 INFO  runner: Job run succeeded',
      ].join('\n'),
    },
    {
      name: 'a ThrottlingException retried and succeeded',
      text: [
        '{"id":27,"type":"TaskSubmitFailed","taskSubmitFailedEventDetails":{"resource":"startJobRun.sync","error":"Glue.AWSGlueException","cause":"Rate exceeded (Service: AWSGlue; Status Code: 400; Error Code: ThrottlingException)"}}',
        '{"id":31,"type":"TaskSubmitted","taskSubmittedEventDetails":{"resource":"startJobRun.sync"}}',
        '{"id":58,"type":"TaskSucceeded","taskSucceededEventDetails":{"output":"{\\"JobRunState\\":\\"SUCCEEDED\\"}"}}',
        '{"id":212,"type":"ExecutionSucceeded"}',
      ].join('\n'),
    },
    {
      name: 'Hadoop probing optional S3A classes',
      text: [
        '24/01/10 12:00:01 DEBUG S3AFileSystem: Could not load optional delegation token support',
        'java.lang.ClassNotFoundException: org.apache.hadoop.fs.s3a.auth.delegation.S3ADelegationTokens',
        '\tat java.net.URLClassLoader.findClass(URLClassLoader.java:387)',
        '24/01/10 12:00:02 INFO SparkContext: Running Spark version 3.3.0-amzn-1',
      ].join('\n'),
    },
    {
      name: 'a glob reported missing, then found',
      text: [
        '24/05/01 10:00:01 WARN DataSource: Path does not exist: s3://raw-zone/events/dt=2026-11-2*; listing again',
        '24/05/01 10:00:03 INFO InMemoryFileIndex: It took 210 ms to list leaf files for 3 paths.',
      ].join('\n'),
    },
    {
      name: 'an optional read denied at WARN',
      text: '24/05/01 10:00:01 WARN FileStreamSink: Assume no metadata directory. Error while looking for metadata directory in the path: s3://raw-zone/clicks/. java.nio.file.AccessDeniedException: s3://raw-zone/clicks/_spark_metadata: getFileStatus on s3://raw-zone/clicks/_spark_metadata: com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied)',
    },
    {
      name: 'a retried task collided with its own file and the application succeeded',
      text: [
        '24/05/01 10:00:01 WARN TaskSetManager: Lost task 7.1 in stage 3.0 (TID 61) (10.0.0.5 executor 4): org.apache.hadoop.fs.FileAlreadyExistsException: File already exists: s3://lake/out/part-00007-3c1e.snappy.parquet',
        '24/05/01 10:04:00 INFO ApplicationMaster: Final app status: SUCCEEDED, exitCode: 0',
      ].join('\n'),
    },
  ];

  it.each(healthy)('$name', ({ text }) => {
    const report = run({ text });
    expect(report.findings.map((f) => `${f.symptom}: ${f.summary}`)).toEqual([]);
    expect(report.outcome).toBe('no-problem');
  });
});
