import { s3Throttling } from '../../src/matchers/s3-throttling.js';
import { matcherCases } from './harness.js';

const SLOW_DOWN =
  'com.amazonaws.services.s3.model.AmazonS3Exception: Slow Down (Service: Amazon S3; Status Code: 503; Error Code: SlowDown; Request ID: 7C2D0B3E6A1F9B42; S3 Extended Request ID: f2QG/8Yow4BZjnmwmZsWrnzO40Jxt0SkqP9GbvXwxqP5r2QtS+aXwN0LS8Fj70NwMM/vEw7oELnS)';

matcherCases(s3Throttling, {
  positive: [
    {
      name: 'the stage failure that ended a Glue job names Slow Down',
      text: [
        'Traceback (most recent call last):',
        '  File "/tmp/orders_to_parquet.py", line 71, in <module>',
        '    glueContext.write_dynamic_frame.from_options(frame=out, connection_type="s3", connection_options={"path": "s3://lake-curated/orders/"}, format="parquet")',
        'py4j.protocol.Py4JJavaError: An error occurred while calling o294.pyWriteDynamicFrame.',
        `: org.apache.spark.SparkException: Job aborted due to stage failure: Task 23 in stage 11.0 failed 4 times, most recent failure: Lost task 23.3 in stage 11.0 (TID 447, 172.32.52.215, executor 6): ${SLOW_DOWN}`,
        '\tat com.amazonaws.services.s3.AmazonS3Client.putObject(AmazonS3Client.java:1772)',
      ].join('\n'),
      minConfidence: 0.85,
      summaryHas: ['503 Slow Down', 'putObject', 'lake-curated'],
      vars: { bucket: 'lake-curated' },
    },
    {
      name: "the run's ErrorMessage from the Glue API",
      text: 'INFO nothing else',
      apiMessage:
        'An error occurred while calling o95.parquet. Slow Down (Service: Amazon S3; Status Code: 503; Error Code: SlowDown; Request ID: 98E1A04D3E3C57C1)',
      status: { state: 'FAILED', failed: true },
      minConfidence: 0.9,
    },
    {
      name: 'boto3 ran out of retries on PutObject',
      text: [
        'Traceback (most recent call last):',
        '  File "/tmp/split_files.py", line 40, in <module>',
        '    s3.put_object(Bucket=bucket, Key=key, Body=body)',
        'botocore.exceptions.ClientError: An error occurred (SlowDown) when calling the PutObject operation (reached max retries: 4): Please reduce your request rate.',
      ].join('\n'),
      minConfidence: 0.85,
      summaryHas: ['PutObject'],
    },
    {
      name: 'the S3A connector gives up with AWSServiceThrottledException',
      text: 'Caused by: org.apache.hadoop.fs.s3a.AWSServiceThrottledException: getFileStatus on s3a://events-raw/2026/11/20/: com.amazonaws.services.s3.model.AmazonS3Exception: Slow Down (Service: Amazon S3; Status Code: 503; Error Code: 503 Slow Down; Request ID: X1), S3 Extended Request ID: abc=:503 Slow Down\nException in thread "main" org.apache.spark.SparkException: Job aborted.',
      vars: { bucket: 'events-raw' },
    },
    {
      name: 'EMRFS task failures with no recovery shown',
      role: 'driver',
      text: '21/10/07 07:13:12 WARN TaskSetManager: Lost task 163.0 in stage 24.0 (TID 4318) (ip-10-0-3-41.ec2.internal executor 9): com.amazon.ws.emr.hadoop.fs.shaded.com.amazonaws.services.s3.model.AmazonS3Exception: Slow Down (Service: Amazon S3; Status Code: 503; Error Code: 503 Slow Down; Request ID: FS3ZPMHVXR7ACCC6; Proxy: null)',
      minConfidence: 0.7,
    },
  ],
  negative: [
    {
      name: 'a 503 Slow Down retried, then the application succeeded',
      text: [
        `24/05/01 10:00:01 WARN S3NativeFileSystem: ${SLOW_DOWN}. Retrying in 400 ms (attempt 1 of 10)`,
        '24/05/01 10:00:02 INFO S3NativeFileSystem: Retrying request succeeded after 1 retries',
        '24/05/01 10:04:17 INFO ApplicationMaster: Final app status: SUCCEEDED, exitCode: 0',
      ].join('\n'),
    },
    {
      name: '"Slow down" with nothing to do with S3',
      text: '24/05/01 10:00:01 WARN RateController: Slow Down requested by backpressure for receiver 3',
    },
    {
      name: 'a configuration dump that mentions Slow Down',
      text: 'spark.hadoop.fs.s3.maxRetries=20  # EMRFS retries S3 503 Slow Down responses\nspark.hadoop.fs.s3.sleepTimeSeconds=10',
    },
    {
      name: 'a control-plane throttle is api-throttling',
      text: 'com.amazonaws.services.glue.model.AWSGlueException: Rate exceeded (Service: AWSGlue; Status Code: 400; Error Code: ThrottlingException; Request ID: 70ea5ab7)',
    },
    {
      name: 'a DEBUG line of the SDK retry handler',
      text: `24/05/01 10:00:01 DEBUG AmazonHttpClient: Retrying Request after ${SLOW_DOWN}`,
    },
  ],
});
