import { driverOom } from '../../src/matchers/driver-oom.js';
import { matcherCases } from './harness.js';

matcherCases(driverOom, {
  positive: [
    {
      name: 'the AM container killed by YARN for memory',
      text: 'diagnostics: Application application_1569865532923_0001 failed 1 times due to AM Container for appattempt_1569865532923_0001_000001 exited with  exitCode: -104\nDiagnostics: Container [pid=11027,containerID=container_1569865532923_0001_01_000001] is running beyond physical memory limits. Current usage: 5.5 GB of 5.5 GB physical memory used',
      summaryHas: ['container_1569865532923_0001_01_000001'],
    },
    {
      name: 'a Python shell job exiting with code 10',
      text: 'INFO starting merge job (Python shell, MaxCapacity 1.0 DPU)\nJobRunState: FAILED\nErrorMessage: Command failed with exit code 10',
      summaryHas: ['code 10'],
    },
    {
      name: 'main thread OOM while collecting',
      text: 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n\tat java.util.Arrays.copyOf(Arrays.java:3236)\n\tat org.apache.spark.sql.Dataset.collect(Dataset.scala:2990)',
      minConfidence: 0.85,
      summaryHas: ['collecting'],
    },
    {
      name: 'OOM in the driver stream',
      role: 'driver',
      text: '24/11/20 03:10:00 ERROR Utils: uncaught error in thread spark-listener-group-shared, stopping SparkContext\njava.lang.OutOfMemoryError: Java heap space',
      minConfidence: 0.85,
    },
    {
      name: 'OOM building a broadcast',
      text: 'java.lang.OutOfMemoryError: Not enough memory to build and broadcast the table to all worker nodes. As a workaround, you can either disable broadcast by setting spark.sql.autoBroadcastJoinThreshold to -1',
      summaryHas: ['broadcast'],
    },
    {
      name: 'OOM in the AM container _000001',
      text: 'container_1700000000000_0042_01_000001 java.lang.OutOfMemoryError: GC overhead limit exceeded',
    },
    {
      name: 'Python MemoryError in a shell job traceback',
      text: 'Traceback (most recent call last):\n  File "/tmp/job.py", line 12, in <module>\n    rows = list(cursor)\nMemoryError',
    },
    {
      name: 'py4j call that ran out of heap in the driver JVM',
      text: 'py4j.protocol.Py4JJavaError: An error occurred while calling o77.toJavaRDD.\n: java.lang.OutOfMemoryError: Java heap space',
    },
  ],
  negative: [
    {
      name: 'an executor container killed by YARN',
      text: 'Container [pid=1,containerID=container_1569865532923_0001_01_000004] is running beyond physical memory limits. Current usage: 5.5 GB of 5.5 GB physical memory used',
    },
    { name: 'exit code 10 outside a Python shell job', text: 'Command failed with exit code 10' },
    {
      name: 'an executor task failure',
      role: 'driver',
      text: 'WARN TaskSetManager: Lost task 1.0 in stage 3.0 (TID 9) (10.0.0.1 executor 1): java.lang.OutOfMemoryError: Java heap space',
    },
    {
      name: 'the JVM flag in the driver command line',
      role: 'driver',
      text: "java -Xmx5g -XX:OnOutOfMemoryError='kill -9 %p' org.apache.spark.deploy.yarn.ApplicationMaster",
    },
    {
      name: 'a MemoryError in a pyspark worker',
      text: 'File "/usr/lib/spark/python/pyspark/worker.py", line 604, in main\nMemoryError',
    },
    {
      name: 'a word that merely contains MemoryError',
      text: 'INFO caught SomeMemoryErrorHandler registered',
    },
  ],
});
