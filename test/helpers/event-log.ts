/** Builds Spark event logs (one JSON event per line, as Spark 3 writes them) for tests and fixtures. */

export interface TaskSpec {
  taskId: number;
  index: number;
  executorId: string;
  launch: number;
  finish: number;
  shuffleBytes: number;
  inputBytes?: number;
  spill?: number;
  host?: string;
  /** A failure: `{ Reason: 'ExceptionFailure', 'Class Name': ..., Description: ... }`. */
  reason?: Record<string, unknown>;
}

const line = (event: Record<string, unknown>) => JSON.stringify(event);

export const ev = {
  logStart: (version = '3.3.0-amzn-1') => line({ Event: 'SparkListenerLogStart', 'Spark Version': version }),
  appStart: (appId: string, t: number, name = 'nativespark-orders-etl') =>
    line({
      Event: 'SparkListenerApplicationStart',
      'App Name': name,
      'App ID': appId,
      Timestamp: t,
      User: 'spark',
    }),
  envUpdate: (props: Record<string, string>) =>
    line({
      Event: 'SparkListenerEnvironmentUpdate',
      'JVM Information': { 'Java Version': '1.8.0_392' },
      'Spark Properties': props,
      'System Properties': {},
      'Classpath Entries': {},
    }),
  stageSubmitted: (stageId: number, name: string, numTasks: number, t: number, attempt = 0) =>
    line({
      Event: 'SparkListenerStageSubmitted',
      'Stage Info': {
        'Stage ID': stageId,
        'Stage Attempt ID': attempt,
        'Stage Name': name,
        'Number of Tasks': numTasks,
        'RDD Info': [],
        'Parent IDs': [],
        Details: `org.apache.spark.sql.Dataset.${name}`,
        'Submission Time': t,
        Accumulables: [],
      },
      Properties: { 'spark.job.description': name },
    }),
  stageCompleted: (
    stageId: number,
    name: string,
    numTasks: number,
    submitted: number,
    completed: number,
    failure?: string,
    attempt = 0,
  ) =>
    line({
      Event: 'SparkListenerStageCompleted',
      'Stage Info': {
        'Stage ID': stageId,
        'Stage Attempt ID': attempt,
        'Stage Name': name,
        'Number of Tasks': numTasks,
        'Submission Time': submitted,
        'Completion Time': completed,
        ...(failure ? { 'Failure Reason': failure } : {}),
        Accumulables: [],
      },
    }),
  taskStart: (stageId: number, t: TaskSpec, attempt = 0) =>
    line({
      Event: 'SparkListenerTaskStart',
      'Stage ID': stageId,
      'Stage Attempt ID': attempt,
      'Task Info': {
        'Task ID': t.taskId,
        Index: t.index,
        Attempt: 0,
        'Launch Time': t.launch,
        'Executor ID': t.executorId,
        Host: t.host ?? `172.31.0.${Number(t.executorId) + 10}`,
        Locality: 'PROCESS_LOCAL',
        Speculative: false,
        'Getting Result Time': 0,
        'Finish Time': 0,
        Failed: false,
        Killed: false,
        Accumulables: [],
      },
    }),
  taskEnd: (stageId: number, t: TaskSpec, attempt = 0) =>
    line({
      Event: 'SparkListenerTaskEnd',
      'Stage ID': stageId,
      'Stage Attempt ID': attempt,
      'Task Type': 'ShuffleMapTask',
      'Task End Reason': t.reason ?? { Reason: 'Success' },
      'Task Info': {
        'Task ID': t.taskId,
        Index: t.index,
        Attempt: 0,
        'Launch Time': t.launch,
        'Executor ID': t.executorId,
        Host: t.host ?? `172.31.0.${Number(t.executorId) + 10}`,
        Locality: 'PROCESS_LOCAL',
        Speculative: false,
        'Getting Result Time': 0,
        'Finish Time': t.finish,
        Failed: Boolean(t.reason),
        Killed: false,
        Accumulables: [],
      },
      'Task Metrics': {
        'Executor Deserialize Time': 12,
        'Executor Run Time': t.finish - t.launch - 20,
        'Result Size': 2400,
        'JVM GC Time': 40,
        'Memory Bytes Spilled': (t.spill ?? 0) * 3,
        'Disk Bytes Spilled': t.spill ?? 0,
        'Shuffle Read Metrics': {
          'Remote Blocks Fetched': 10,
          'Local Blocks Fetched': 2,
          'Fetch Wait Time': 3,
          'Remote Bytes Read': Math.round(t.shuffleBytes * 0.8),
          'Remote Bytes Read To Disk': 0,
          'Local Bytes Read': t.shuffleBytes - Math.round(t.shuffleBytes * 0.8),
          'Total Records Read': Math.round(t.shuffleBytes / 100),
        },
        'Shuffle Write Metrics': {
          'Shuffle Bytes Written': 0,
          'Shuffle Write Time': 0,
          'Shuffle Records Written': 0,
        },
        'Input Metrics': { 'Bytes Read': t.inputBytes ?? 0, 'Records Read': 0 },
        'Output Metrics': { 'Bytes Written': 0, 'Records Written': 0 },
        'Updated Blocks': [],
      },
    }),
  executorRemoved: (executorId: string, t: number, reason: string) =>
    line({
      Event: 'SparkListenerExecutorRemoved',
      Timestamp: t,
      'Executor ID': executorId,
      'Removed Reason': reason,
    }),
  appEnd: (t: number) => line({ Event: 'SparkListenerApplicationEnd', Timestamp: t }),
  blockUpdated: () =>
    line({
      Event: 'SparkListenerBlockUpdated',
      'Block Updated Info': { 'Block Manager ID': { 'Executor ID': '1' } },
    }),
};

export type StageTask = Omit<TaskSpec, 'taskId' | 'index' | 'launch' | 'finish'> & {
  /** Undefined: still running when the log ends. */
  duration?: number;
  launchOffset?: number;
};

/** A stage of `n` tasks whose shuffle read and duration follow `task(i)`. */
export function stageLines(
  stageId: number,
  name: string,
  n: number,
  start: number,
  task: (i: number) => StageTask,
  opts: { complete?: boolean; failure?: string; firstTaskId?: number } = {},
): string[] {
  const lines = [ev.stageSubmitted(stageId, name, n, start)];
  let end = start;
  for (let i = 0; i < n; i++) {
    const { duration, launchOffset, ...spec } = task(i);
    const launch = start + (launchOffset ?? 0);
    const finish = duration === undefined ? 0 : launch + duration;
    const t: TaskSpec = {
      ...spec,
      taskId: (opts.firstTaskId ?? stageId * 1000) + i,
      index: i,
      launch,
      finish,
    };
    lines.push(ev.taskStart(stageId, t));
    if (duration !== undefined) {
      lines.push(ev.taskEnd(stageId, t));
      end = Math.max(end, finish);
    }
  }
  if (opts.complete !== false) lines.push(ev.stageCompleted(stageId, name, n, start, end, opts.failure));
  return lines;
}
