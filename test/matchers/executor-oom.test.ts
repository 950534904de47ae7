import { executorOom } from '../../src/matchers/executor-oom.js';
import { matcherCases } from './harness.js';

const JVM_FLAGS =
  "/usr/lib/jvm/java/bin/java -server -Xmx10g '-XX:OnOutOfMemoryError=kill -9 %p' -XX:+HeapDumpOnOutOfMemoryError org.apache.spark.executor.CoarseGrainedExecutorBackend";

matcherCases(executorOom, {
  positive: [
    {
      name: 'heap space in an executor stream',
      role: 'executor',
      text: '24/11/20 03:14:15 ERROR Executor: Exception in task 3.0 in stage 2.0 (TID 45)\njava.lang.OutOfMemoryError: Java heap space\n\tat java.util.Arrays.copyOf(Arrays.java:3236)',
      minConfidence: 0.85,
      summaryHas: ['Java heap space'],
    },
    {
      name: 'task failure reported by the driver',
      role: 'driver',
      text: '24/11/20 03:14:16 WARN TaskSetManager: Lost task 3.0 in stage 2.0 (TID 45) (172.31.1.2 executor 3): java.lang.OutOfMemoryError: Java heap space',
      minConfidence: 0.85,
      vars: { executorId: '3' },
    },
    {
      name: 'stage failure wrapped in py4j',
      text: 'py4j.protocol.Py4JJavaError: An error occurred while calling o123.save.\n: org.apache.spark.SparkException: Job aborted due to stage failure: Task 7 in stage 4.0 failed 4 times, most recent failure: Lost task 7.3 in stage 4.0 (TID 90) (10.0.0.5 executor 2): java.lang.OutOfMemoryError: GC overhead limit exceeded',
      minConfidence: 0.85,
      summaryHas: ['GC overhead limit exceeded'],
    },
    {
      name: "Spark's executor exit code 52",
      text: 'ExecutorLostFailure (executor 4 exited caused by one of the running tasks) Reason: Container marked as failed: container_1700000000000_0001_01_000005 on host: ip-10-0-0-1. Exit status: 52.',
      minConfidence: 0.7,
    },
    {
      name: 'an OOM with no process named is read as an executor, with the driver as a second reading',
      text: 'java.lang.OutOfMemoryError: Java heap space',
      topReading: 'executor-oom',
    },
    {
      name: 'CRLF line endings',
      role: 'executor',
      text: 'INFO start\r\njava.lang.OutOfMemoryError: Direct buffer memory\r\n\tat java.nio.Bits.reserveMemory\r\n',
      summaryHas: ['Direct buffer memory'],
    },
  ],
  negative: [
    { name: 'the -XX:OnOutOfMemoryError JVM flag of a healthy run', role: 'executor', text: JVM_FLAGS },
    {
      name: 'a driver OOM while collecting',
      role: 'driver',
      text: 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n\tat org.apache.spark.sql.Dataset.collect(Dataset.scala:2990)',
    },
    {
      name: 'a spark config dump',
      text: 'spark.executor.memory=10g\nspark.executor.memoryOverhead=2g\nspark.memory.fraction=0.6',
    },
    { name: 'exit code 152 is not 52', text: 'Command exited with code 152' },
  ],
});
