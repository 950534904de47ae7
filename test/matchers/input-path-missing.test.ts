import { inputPathMissing } from '../../src/matchers/input-path-missing.js';
import { matcherCases } from './harness.js';

matcherCases(inputPathMissing, {
  positive: [
    {
      name: 'a Glue read of a partition that is not there',
      text: [
        'Traceback (most recent call last):',
        '  File "/tmp/daily.py", line 30, in <module>',
        '    df = spark.read.parquet("s3://raw-zone/events/dt=2026-11-20")',
        'pyspark.sql.utils.AnalysisException: Path does not exist: s3://raw-zone/events/dt=2026-11-20;',
      ].join('\n'),
      minConfidence: 0.85,
      summaryHas: ['s3://raw-zone/events/dt=2026-11-20'],
      vars: { path: 's3://raw-zone/events/dt=2026-11-20', bucket: 'raw-zone' },
    },
    {
      name: "Python 2's u'...' quoting in a Glue ErrorMessage",
      text: 'INFO nothing',
      apiMessage:
        "AnalysisException: u'Path does not exist: hdfs://ip-172-31-74-135.ec2.internal:8020/user/root/out/tmp/sales;'",
      status: { state: 'FAILED', failed: true },
      minConfidence: 0.95,
      vars: { path: 'hdfs://ip-172-31-74-135.ec2.internal:8020/user/root/out/tmp/sales' },
    },
    {
      name: 'a Hadoop glob that matched nothing',
      text: 'Exception in thread "main" org.apache.hadoop.mapred.InvalidInputException: Input Pattern s3://logs/2026/11/*/part-* matches 0 files',
      summaryHas: ['s3://logs/2026/11/*/part-*', 'matched no files'],
    },
    {
      name: 'Input path does not exist under a RuntimeException',
      text: [
        'Exception in thread "main" java.lang.RuntimeException: Error running job',
        '\tat com.amazon.elasticmapreduce.s3distcp.S3DistCp.run(Unknown Source)',
        'Caused by: org.apache.hadoop.mapred.InvalidInputException: Input path does not exist: hdfs:/tmp/ab1f5ebb/files',
      ].join('\n'),
      vars: { path: 'hdfs:/tmp/ab1f5ebb/files' },
    },
    {
      name: "Spark 3.4's error class",
      text: 'org.apache.spark.sql.AnalysisException: [PATH_NOT_FOUND] Path does not exist: s3://landing/clicks/2026-11-20.',
      vars: { path: 's3://landing/clicks/2026-11-20' },
    },
    {
      name: 'boto3 reading a key that is not there',
      text: [
        '2026-11-20 03:00:01,000 INFO loader: reading s3://etl-config/jobs/orders.yaml',
        'Traceback (most recent call last):',
        '  File "/tmp/job.py", line 12, in <module>',
        'botocore.errorfactory.NoSuchKey: An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.',
      ].join('\n'),
      vars: { path: 's3://etl-config/jobs/orders.yaml' },
    },
  ],
  negative: [
    {
      name: 'a glob reported missing that a later listing found',
      text: [
        '24/05/01 10:00:01 WARN DataSource: Path does not exist: s3://raw-zone/events/dt=2026-11-2*; listing again',
        '24/05/01 10:00:03 INFO InMemoryFileIndex: It took 210 ms to list leaf files for 3 paths.',
        '24/05/01 10:00:40 INFO DAGScheduler: Job 0 finished: parquet at NativeMethodAccessorImpl.java:0, took 36.2 s',
      ].join('\n'),
    },
    {
      name: 'the streaming sink probing for its metadata directory',
      text: '24/05/01 10:00:01 WARN FileStreamSink: Assume no metadata directory. Error while looking for metadata directory in the path: s3://raw-zone/clicks/. java.io.FileNotFoundException: No such file or directory: s3://raw-zone/clicks/_spark_metadata',
    },
    {
      name: 'an INFO line of a job that creates its staging path',
      text: '24/05/01 10:00:01 INFO Staging: Path does not exist: s3://tmp-zone/staging/jr_1, creating it',
    },
    {
      name: 'files deleted under a cached listing are not a missing input',
      text: "java.io.FileNotFoundException: No such file or directory 's3://lake/orders/part-00001.parquet' It is possible the underlying files have been updated. You can explicitly invalidate the cache in Spark by running 'REFRESH TABLE tableName' command in SQL",
    },
    {
      name: 'a missing optional object at WARN',
      text: '2026-11-20 03:00:01,000 WARN loader: An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist. Using defaults.',
    },
  ],
});
