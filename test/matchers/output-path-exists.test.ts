import { outputPathExists } from '../../src/matchers/output-path-exists.js';
import { matcherCases } from './harness.js';

matcherCases(outputPathExists, {
  positive: [
    {
      name: 'the Hadoop output format refuses an existing directory',
      text: 'Exception in thread "main" org.apache.hadoop.mapred.FileAlreadyExistsException: Output directory s3://reports/daily/2026-11-20 already exists\n\tat org.apache.hadoop.mapreduce.lib.output.FileOutputFormat.checkOutputSpecs(FileOutputFormat.java:146)',
      minConfidence: 0.9,
      summaryHas: ['s3://reports/daily/2026-11-20'],
      vars: { path: 's3://reports/daily/2026-11-20', bucket: 'reports' },
    },
    {
      name: 'a DataFrame write in the default save mode',
      text: 'pyspark.sql.utils.AnalysisException: path s3://lake/curated/orders already exists.;',
      vars: { path: 's3://lake/curated/orders' },
    },
    {
      name: "Spark 3.4's error class",
      text: 'org.apache.spark.sql.AnalysisException: [PATH_ALREADY_EXISTS] Path s3://lake/curated/clicks already exists. Set mode as "overwrite" to overwrite the existing path.',
      vars: { path: 's3://lake/curated/clicks' },
    },
    {
      name: 'an EMR streaming step',
      text: '2021-01-29 03:22:51,432 ERROR org.apache.hadoop.streaming.StreamJob (main): Error Launching job : Output directory hdfs:///user/hadoop/wordcount-out already exists\nStreaming Command Failed!',
      vars: { path: 'hdfs:///user/hadoop/wordcount-out' },
    },
    {
      name: 'only a retried task attempt collided, and the job then failed: low confidence, the earlier failure first',
      role: 'driver',
      text: [
        '24/05/01 10:00:01 WARN TaskSetManager: Lost task 7.1 in stage 3.0 (TID 61) (10.0.0.5 executor 4): org.apache.hadoop.fs.FileAlreadyExistsException: File already exists: s3://lake/out/part-00007-3c1e.snappy.parquet',
        '24/05/01 10:00:09 ERROR TaskSetManager: Task 7 in stage 3.0 failed 4 times; aborting job',
      ].join('\n'),
      topReading: 'an earlier attempt',
    },
  ],
  negative: [
    {
      name: 'a retried task attempt collided, and the application still succeeded',
      role: 'driver',
      text: [
        '24/05/01 10:00:01 WARN TaskSetManager: Lost task 7.1 in stage 3.0 (TID 61) (10.0.0.5 executor 4): org.apache.hadoop.fs.FileAlreadyExistsException: File already exists: s3://lake/out/part-00007-3c1e.snappy.parquet',
        '24/05/01 10:00:30 INFO TaskSetManager: Finished task 7.2 in stage 3.0 (TID 64) in 2100 ms on 10.0.0.7 (executor 5) (200/200)',
      ].join('\n'),
    },
    {
      name: 'a catalog table that exists is not an output path',
      text: "pyspark.sql.utils.AnalysisException: Table or view 'orders' already exists in database 'sales'",
    },
    {
      name: 'a library warning that a table path exists before it appends to it',
      text: '24/05/01 10:00:01 WARN HoodieSparkSqlWriter$: Table path s3://lake/hudi/orders already exists. Deleting existing data & overwriting with new data.',
    },
    {
      name: 'a DEBUG line of the committer',
      text: '24/05/01 10:00:01 DEBUG FileOutputCommitter: FileAlreadyExistsException for _SUCCESS ignored',
    },
    {
      name: 'a retried collision followed by explicit success',
      text: [
        '24/05/01 10:00:01 WARN TaskSetManager: Lost task 2.1 in stage 1.0 (TID 9) (10.0.0.5 executor 1): org.apache.hadoop.fs.FileAlreadyExistsException: /user/hadoop/out/_temporary/0/_temporary/attempt_1_0001_m_000002_1/part-00002 for client 10.0.0.5 already exists',
        '24/05/01 10:04:00 INFO ApplicationMaster: Final app status: SUCCEEDED, exitCode: 0',
      ].join('\n'),
    },
  ],
});
