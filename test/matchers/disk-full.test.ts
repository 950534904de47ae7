import type { MetricSeries } from '../../src/evidence/metrics.js';
import { diskFull } from '../../src/matchers/disk-full.js';
import { matcherCases } from './harness.js';

const SHUFFLE_FILE =
  '/mnt/yarn/usercache/hadoop/appcache/application_1700000000000_0007/blockmgr-5c2b9a71-4f3e-4b8e-9d2a-0e1f2a3b4c5d/0c/temp_shuffle_3c1e9f7a-1b2c-4d5e-8f90-a1b2c3d4e5f6';

function diskMetric(values: number[]): MetricSeries {
  return {
    namespace: 'Glue',
    name: 'glue.ALL.disk.used.percentage',
    dimensions: { JobName: 'orders-etl', JobRunId: 'jr_1', Type: 'gauge' },
    stat: 'Maximum',
    periodSec: 60,
    points: values.map((v, i) => [`2026-11-20T03:0${i}:00.000Z`, v]),
  };
}

matcherCases(diskFull, {
  positive: [
    {
      name: 'a shuffle write on an executor names the local file',
      text: [
        '24/03/11 02:41:17 ERROR Executor: Exception in task 41.0 in stage 7.0 (TID 3391)',
        `java.io.FileNotFoundException: ${SHUFFLE_FILE} (No space left on device)`,
        '\tat java.io.FileOutputStream.open0(Native Method)',
        '\tat org.apache.spark.storage.DiskBlockObjectWriter.initialize(DiskBlockObjectWriter.scala:106)',
        '\tat org.apache.spark.shuffle.sort.BypassMergeSortShuffleWriter.write(BypassMergeSortShuffleWriter.java:147)',
      ].join('\n'),
      minConfidence: 0.85,
      summaryHas: [SHUFFLE_FILE, 'stage 7', 'shuffle'],
      vars: { path: SHUFFLE_FILE, stageId: '7' },
    },
    {
      name: 'a spill that fails is reported through the task memory manager',
      text: [
        '2024-03-11 02:41:17,902 ERROR [Executor task launch worker for task 12.0 in stage 3.0 (TID 301)] memory.TaskMemoryManager (TaskMemoryManager.java:acquireExecutionMemory(207)): error while calling spill() on org.apache.spark.util.collection.unsafe.sort.UnsafeExternalSorter@5c2b9a71',
        'java.io.IOException: No space left on device',
        '\tat java.io.FileOutputStream.writeBytes(Native Method)',
        '\tat org.apache.spark.util.collection.unsafe.sort.UnsafeSorterSpillWriter.write(UnsafeSorterSpillWriter.java:136)',
      ].join('\n'),
      summaryHas: ['spilling'],
    },
    {
      name: 'a task failure reported by the driver names the executor and stage',
      role: 'driver',
      text: '23/02/08 08:34:25 WARN TaskSetManager: Lost task 12057.0 in stage 372.0 (TID 178902) (172.16.0.127 executor 4): java.io.IOException: No space left on device',
      vars: { executorId: '4', stageId: '372' },
    },
    {
      name: 'a Python shell job writing to /tmp',
      text: [
        'Traceback (most recent call last):',
        '  File "/tmp/export_orders.py", line 58, in <module>',
        '    df.to_csv(out_path, index=False)',
        "OSError: [Errno 28] No space left on device: '/tmp/export/orders-2026-11-20.csv'",
      ].join('\n'),
      vars: { path: '/tmp/export/orders-2026-11-20.csv' },
    },
    {
      name: "YARN takes a node's local dirs out of service",
      text: '2024-01-09 10:12:03,331 ERROR org.apache.hadoop.yarn.server.nodemanager.LocalDirsHandlerService: Most of the disks failed. 1/1 local-dirs usable space is below configured utilization percentage/no more usable space [ /mnt/yarn : used space above threshold of 90.0% ] ; 1/1 log-dirs usable space is below configured utilization percentage/no more usable space [ /var/log/hadoop-yarn/containers : used space above threshold of 90.0% ]',
      vars: { path: '/mnt/yarn' },
    },
    {
      name: 'a JSON-structured log line with CRLF endings',
      text: '{"timestamp":"2026-11-20T03:14:15Z","level":"ERROR","logger":"org.apache.spark.executor.Executor","message":"Exception in task 3.0 in stage 2.0 (TID 45)"}\r\n{"level":"ERROR","message":"java.io.IOException: No space left on device"}\r\n',
      minConfidence: 0.85,
    },
    {
      name: 'only the Glue disk metric: at 99% it is evidence on its own',
      text: 'INFO nothing interesting here',
      status: { state: 'FAILED', failed: true },
      metrics: [diskMetric([40, 75, 99])],
      minConfidence: 0.7,
      summaryHas: ['99%'],
    },
  ],
  negative: [
    {
      name: 'an HDFS quota refusal is hdfs-quota-exceeded, not a full local disk',
      text: 'org.apache.hadoop.hdfs.protocol.DSQuotaExceededException: The DiskSpace quota of /user/etl is exceeded: quota = 1099511627776 B = 1 TB but diskspace consumed = 1099578736640 B = 1.00 TB',
    },
    {
      name: 'the MemoryStore not finding room to cache a block in memory is healthy',
      text: '24/03/11 02:41:17 WARN MemoryStore: Not enough space to cache rdd_12_3 in memory! (computed 1218.0 MiB so far)',
    },
    {
      name: 'a configuration dump that mentions the error',
      text: 'spark.local.dir=/mnt/spark-tmp  # keep shuffle off /tmp to avoid No space left on device\nspark.executor.memory=10g',
    },
    {
      name: 'a task that hit a full disk once, retried elsewhere, and the application succeeded',
      text: [
        '24/03/11 02:41:17 WARN TaskSetManager: Lost task 3.0 in stage 1.0 (TID 7) (10.0.0.5 executor 2): java.io.IOException: No space left on device',
        '24/03/11 02:41:40 INFO TaskSetManager: Finished task 3.1 in stage 1.0 (TID 9) in 21004 ms on 10.0.0.6 (executor 3) (200/200)',
        '24/03/11 02:45:02 INFO ApplicationMaster: Final app status: SUCCEEDED, exitCode: 0',
      ].join('\n'),
    },
    {
      name: 'the disk metric well below full',
      text: 'INFO all good',
      metrics: [diskMetric([20, 40, 61])],
    },
  ],
});
