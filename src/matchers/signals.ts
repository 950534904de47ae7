import type { Signal } from './types.js';

/**
 * Signals shared by several matchers. A signal only says "this text is here"; deciding what it means
 * (whose memory, cause or effect) is the matchers' job.
 */

// The lookbehind keeps `-XX:OnOutOfMemoryError=...` and `HeapDumpOnOutOfMemoryError` (healthy JVM flags) out.
export const JAVA_OOM: Signal = {
  id: 'java-oom',
  pattern: /(?<![A-Za-z])(?:java\.lang\.)?OutOfMemoryError(?::\s*(?<kind>[^\r\n:;)]{1,80}))?/,
};

export const PYTHON_MEMORY_ERROR: Signal = {
  id: 'python-memory-error',
  pattern: /(?<![A-Za-z.])MemoryError\b(?!\w)/,
};

export const EXIT_137: Signal = {
  id: 'exit-137',
  pattern:
    /(?:exit(?:ed)?[ _-]?(?:with )?(?:code|status|value)?(?:\s+is)?\s*[:=]?\s*137\b|(?:code|status)[ :=]+137\b|signal 9\b.*137)/i,
};

export const EXIT_52: Signal = {
  id: 'exit-52',
  pattern: /(?:exit(?:ed)?[ _-]?(?:with )?(?:code|status)(?:\s+is)?\s*[:=]?\s*52\b|Exit status: 52\b)/i,
};

export const YARN_MEMORY_KILL: Signal = {
  id: 'yarn-memory-kill',
  pattern:
    /(?:killed by YARN for exceeding (?:(?<kind>physical|virtual) )?memory limits|running beyond (?<beyond>physical|virtual) memory limits|Consider boosting (?<setting>spark\.(?:yarn\.)?(?:executor|driver)\.memoryOverhead)|(?<used>\d+(?:\.\d+)? ?[KMGT]?i?B) of (?<limit>\d+(?:\.\d+)? ?[KMGT]?i?B) (?:physical|virtual) memory used)/i,
};

export const KERNEL_OOM_KILL: Signal = {
  id: 'kernel-oom-kill',
  pattern: /(?:Out of memory: Kill(?:ed)? process|invoked oom-killer|oom[-_]kill(?:er)?\b|oom_reaper)/i,
};

export const EXECUTOR_LOST: Signal = {
  id: 'executor-lost',
  pattern:
    /(?:ExecutorLostFailure|Lost executor (?<executor>\d+)|Executor heartbeat timed out|Container released on a \*lost\* node|Slave lost|Executor lost|executor (?<exec2>\d+) (?:exited|lost)|Exit status: -100\b)/i,
  // Dynamic allocation releasing idle executors is healthy.
  unless: /because it has been idle|idle timeout|Requesting to kill executor/i,
};

export const NODE_LOSS: Signal = {
  id: 'node-loss',
  pattern:
    /(?:lost node|node (?:was )?lost|\*lost\* node|decommission(?:ed|ing)?\b|spot (?:instance )?(?:interruption|termination|reclaim)|instance-action|Exit status: -100\b|NodeManager .* lost|Lost NodeManager)/i,
};

export const MANUAL_KILL: Signal = {
  id: 'manual-kill',
  pattern:
    /(?:killed by user|Killed by user request|Application \S+ (?:was )?killed by user|yarn application -kill|Kill job received from|Job cancelled because SparkContext was shut down|StopJobRun|job run was stopped)/i,
};

export const GC_PRESSURE: Signal = {
  id: 'gc-pressure',
  pattern: /(?:GC overhead|Full GC \(Allocation Failure\)|\bFull GC\b|Application time: .* GC|Pause Full|long GC pause|heap usage is high)/i,
};

// Strong markers that a run failed, used only when nothing in the catalogue explains the failure.
export const FAILURE_MARKER: Signal = {
  id: 'failure-marker',
  pattern:
    /(?:Job aborted due to stage failure|Exception in thread "main"|final status: FAILED|User class threw exception|Traceback \(most recent call last\)|py4j\.protocol\.Py4JJavaError|Command failed with exit code|Step failed|FinalApplicationStatus: FAILED|ERROR ApplicationMaster|Job run failed|JobRunState.*FAILED)/,
};

// The exception that ends a traceback or the first line of a Java trace, for unclassified summaries.
export const ERROR_LINE: Signal = {
  id: 'error-line',
  pattern: /^(?:[A-Za-z_][\w.]*(?:Error|Exception)(?::|$)|Caused by: [\w.$]+(?:Error|Exception)\b)/,
};
