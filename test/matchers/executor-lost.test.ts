import { executorLost } from '../../src/matchers/executor-lost.js';
import { matcherCases } from './harness.js';

matcherCases(executorLost, {
  positive: [
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
    { name: 'dynamic allocation releasing an idle executor', text: 'INFO ExecutorAllocationManager: Removing executor 4 because it has been idle for 60 seconds' },
    { name: 'an executor being added', text: 'INFO YarnAllocator: Launching executor 5 on host ip-10-0-0-1' },
  ],
});
