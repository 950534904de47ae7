import { yarnMemoryOverhead } from '../../src/matchers/yarn-memory-overhead.js';
import { matcherCases } from './harness.js';

matcherCases(yarnMemoryOverhead, {
  positive: [
    {
      name: 'Hadoop 3 wording',
      text: "Container [pid=4242,containerID=container_1700000000000_0012_01_000007] is running 318767104B beyond the 'PHYSICAL' memory limit. Current usage: 13.5 GB of 13.2 GB physical memory used; 15.1 GB of 66 GB virtual memory used. Killing container.",
      summaryHas: ['13.5 GB of 13.2 GB', 'container_1700000000000_0012_01_000007'],
    },
    {
      name: 'the classic Spark-on-YARN message',
      text: 'ExecutorLostFailure (executor 7 exited caused by one of the running tasks) Reason: Container killed by YARN for exceeding memory limits. 12.4 GB of 12 GB physical memory used. Consider boosting spark.yarn.executor.memoryOverhead.',
      minConfidence: 0.9,
      summaryHas: ['12.4 GB of 12 GB'],
      vars: { memoryLimit: '12 GB' },
    },
    {
      name: 'newer wording naming physical memory',
      text: 'Container killed by YARN for exceeding physical memory limits. 5.6 GB of 5.5 GB physical memory used. Consider boosting spark.executor.memoryOverhead.',
      summaryHas: ['physical'],
    },
    {
      name: 'NodeManager: running beyond virtual memory limits',
      text: 'Container [pid=1234,containerID=container_1700000000000_0003_01_000004] is running beyond virtual memory limits. Current usage: 1.1 GB of 2 GB physical memory used; 4.4 GB of 4.2 GB virtual memory used. Killing container.',
      summaryHas: ['virtual'],
    },
    {
      name: 'the AM container is the driver',
      text: 'Container [pid=99,containerID=container_1700000000000_0003_01_000001] is running beyond physical memory limits. Current usage: 2.1 GB of 2 GB physical memory used',
      summaryHas: ['driver'],
    },
  ],
  negative: [
    {
      name: 'routine NodeManager memory monitoring',
      text: 'INFO ContainersMonitorImpl: Memory usage of ProcessTree 12345 for container-id container_1700000000000_0001_01_000002: 122.3 MB of 1 GB physical memory used; 2.3 GB of 2.1 GB virtual memory used',
    },
    {
      name: 'the setting in a config dump',
      text: 'spark.executor.memoryOverhead=2048\nspark.yarn.executor.memoryOverhead=2048',
    },
    {
      name: 'a healthy container allocation',
      text: 'INFO YarnAllocator: Will request 4 executor container(s), each with 4 core(s) and 12288 MB memory (including 1024 MB of overhead)',
    },
  ],
});
