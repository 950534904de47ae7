import { apiThrottling } from '../../src/matchers/api-throttling.js';
import { matcherCases } from './harness.js';

matcherCases(apiThrottling, {
  positive: [
    {
      name: 'boto3 ran out of retries on a Glue catalog call',
      text: [
        'Traceback (most recent call last):',
        '  File "/tmp/compact_partitions.py", line 88, in <module>',
        '    parts = glue.get_partitions(DatabaseName=db, TableName=table)["Partitions"]',
        'botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the GetPartitions operation (reached max retries: 4): Rate exceeded',
      ].join('\n'),
      minConfidence: 0.85,
      summaryHas: ['GetPartitions'],
    },
    {
      name: 'the Glue Data Catalog client from Spark, ending the application',
      text: [
        '24/02/21 21:57:24 ERROR Hive: MetaException(message:Unable to get partitions)',
        'com.amazonaws.services.glue.model.AWSGlueException: Rate exceeded (Service: AWSGlue; Status Code: 400; Error Code: ThrottlingException; Request ID: e1bed0e3-e3fa-45bb-9219-689eb4195601; Proxy: null)',
        '\tat com.amazonaws.services.glue.AWSGlueClient.getPartitions(AWSGlueClient.java:7213)',
        'Exception in thread "main" org.apache.spark.sql.AnalysisException: org.apache.hadoop.hive.ql.metadata.HiveException: Unable to fetch table orders. Rate exceeded',
      ].join('\n'),
      minConfidence: 0.75,
      summaryHas: ['Glue'],
    },
    {
      name: 'Lake Formation answers TooManyRequestsException',
      text: [
        '2024-09-13 08:22:47,390 ERROR [main] glue.ProcessLauncher (Logging.scala:logError(77)): Error from Python:Traceback (most recent call last):',
        'software.amazon.awssdk.services.lakeformation.model.TooManyRequestsException: Rate exceeded (Service: LakeFormation, Status Code: 400, Request ID: 9d0f3c2a)',
      ].join('\n'),
      summaryHas: ['Lake Formation'],
    },
    {
      name: 'a JSON-structured log line of an orchestrator',
      text: '{"level":"ERROR","time":"2026-11-20T03:00:04Z","message":"An error occurred (ThrottlingException) when calling the StartJobRun operation (reached max retries: 4): Rate exceeded"}',
      minConfidence: 0.85,
      summaryHas: ['StartJobRun'],
    },
  ],
  negative: [
    {
      name: 'a ThrottlingException retried and then the run succeeded',
      text: [
        '2026-11-20 03:00:01,117 WARN  glue_client: ThrottlingException on GetTable (Rate exceeded), retrying in 200 ms',
        '2026-11-20 03:00:01,402 INFO  glue_client: GetTable succeeded after 1 retries',
        '2026-11-20 03:09:12,000 INFO  runner: Job run succeeded',
      ].join('\n'),
    },
    {
      name: "S3's Slow Down is s3-throttling, even from the S3A throttle exception",
      text: 'org.apache.hadoop.fs.s3a.AWSServiceThrottledException: getFileStatus on s3a://b/k: com.amazonaws.services.s3.model.AmazonS3Exception: Slow Down (Service: Amazon S3; Status Code: 503; Error Code: SlowDown)',
    },
    {
      name: 'a spark-submit command line that configures retries',
      text: 'spark-submit --deploy-mode cluster --conf spark.hadoop.aws.glue.max-error-retries=20 --conf spark.hadoop.aws.glue.ThrottlingException.backoff=true s3://code/job.py',
    },
    {
      name: 'a DEBUG line of the SDK retry policy',
      text: '24/05/01 10:00:01 DEBUG ClockSkewAdjuster: Retrying after ThrottlingException: Rate exceeded',
    },
  ],
});
