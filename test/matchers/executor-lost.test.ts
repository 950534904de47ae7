import { executorLost } from '../../src/matchers/executor-lost.js';
import { matcherCases } from './harness.js';

matcherCases(executorLost, {
  positive: [
    {
      name: "Glue's wording of a killed executor reads memory first",
      text: 'ERROR TaskSchedulerImpl: Lost executor 7 on 172.36.113.110: Remote RPC client disassociated. Likely due to containers exceeding thresholds, or network issues. Check driver logs for WARN messages.',
      topReading: 'memory',
      summaryHas: ['1 executor'],
    },
    {
      name: 'a shuffle fetch failure after the node holding the output went away',
      text: 'WARN TaskSetManager: Lost task 112.0 in stage 27.0 (TID 18811, ip-1, executor 52): FetchFailed(BlockManagerId(37, ip-2, 7337, None), shuffleId=9)\norg.apache.spark.shuffle.FetchFailedException: Failed to connect to ip-2/100.64.115.173:7337',
      summaryHas: ['shuffle fetches failed'],
    },
    {
      name: 'an executor lost that the driver had not released',
      text: 'INFO ExecutorAllocationManager: Removing executor 4 because it has been idle for 60 seconds\nINFO DAGScheduler: Executor lost: 9 (epoch 3)',
      summaryHas: ['1 executor'],
    },
    {
      name: 'heartbeat timeout',
      text: 'ERROR TaskSchedulerImpl: Lost executor 2 on 10.0.1.5: Executor heartbeat timed out after 126472 ms',
      summaryHas: ['1 executor', 'heartbeats'],
    },
    {
      name: 'lost node after spot reclaim',
      text: 'Container released on a *lost* node\nWARN TaskSetManager: Lost task 0.0 in stage 1.0: ExecutorLostFailure (executor 3 exited unrelated to the running tasks) Reason: Container marked as failed: container_1 on host: ip-1. Exit status: -100. Diagnostics: Container released on a *lost* node',
      minConfidence: 0.75,
    },
    {
      name: 'ExecutorLostFailure with its reason',
      text: 'ExecutorLostFailure (executor 5 exited caused by one of the running tasks) Reason: Remote RPC client disassociated.',
      summaryHas: ['Remote RPC client disassociated'],
    },
  ],
  negative: [
    {
      name: 'executors killed by the driver after idling, then reported lost',
      text: 'INFO ExecutorAllocationManager: Removing executor 4 because it has been idle for 60 seconds (new desired total will be 6)\nINFO YarnScheduler: Executor 4 on ip-10-0-12-88.ec2.internal killed by driver.\nINFO DAGScheduler: Executor lost: 4 (epoch 3)',
    },
    {
      name: 'decommissioning settings in a config dump',
      text: 'Adding default property: spark.blacklist.decommissioning.enabled=true\nAdding default property: spark.decommissioning.timeout.threshold=20',
    },
    {
      name: 'dynamic allocation releasing an idle executor',
      text: 'INFO ExecutorAllocationManager: Removing executor 4 because it has been idle for 60 seconds',
    },
    { name: 'an executor being added', text: 'INFO YarnAllocator: Launching executor 5 on host ip-10-0-0-1' },
  ],
});
