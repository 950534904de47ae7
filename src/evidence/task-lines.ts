import type { EvidenceSource } from './model.js';
import type { SparkStageStats } from './spark.js';

/**
 * Per-stage task durations from the driver's own log lines (`Finished task 3.0 in stage 7.0 (TID 42) in
 * 5894 ms on host (executor 2) (12/200)`), for when there is no Spark event log: enough to see one task
 * running far longer than its siblings. Bounded: a reservoir of durations per stage, a cap on stages.
 */
const FINISHED =
  /Finished task (\d+)\.\d+ in stage (\d+)\.(\d+) \(TID (\d+)\) in (\d+) ms on (\S+?)(?: \(executor (\w+)\))? \((\d+)\/(\d+)\)/g;
const STAGE_NAME = /(?:ResultStage|ShuffleMapStage) (\d+) \((.{1,200}?)\) (?:finished|failed) in/g;
const RESERVOIR = 1024;
const MAX_STAGES = 2000;

interface StageAcc {
  stageId: number;
  attemptId: number;
  numTasks: number;
  count: number;
  max: number;
  maxTask?: { taskId: number; index: number; host: string; executorId?: string; durationMs: number };
  sample: number[];
  location: string;
  source: EvidenceSource;
}

export class TaskLineStats {
  private readonly stages = new Map<string, StageAcc>();
  private readonly names = new Map<number, string>();
  // A fixed-seed generator keeps the sample, and so the report, the same from run to run.
  private seed = 0x2545f491;

  scan(text: string, location: string, source: EvidenceSource): void {
    if (text.includes('Finished task')) {
      for (const m of text.matchAll(FINISHED)) this.add(m, location, source);
    }
    if (text.includes('Stage ')) {
      for (const m of text.matchAll(STAGE_NAME)) this.names.set(Number(m[1]), m[2]!);
    }
  }

  private random(): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) >>> 0;
    return this.seed / 0x100000000;
  }

  private add(m: RegExpMatchArray, location: string, source: EvidenceSource) {
    const key = `${m[2]}.${m[3]}`;
    let acc = this.stages.get(key);
    if (!acc) {
      if (this.stages.size >= MAX_STAGES) return;
      acc = {
        stageId: Number(m[2]),
        attemptId: Number(m[3]),
        numTasks: 0,
        count: 0,
        max: 0,
        sample: [],
        location,
        source,
      };
      this.stages.set(key, acc);
    }
    const ms = Number(m[5]);
    acc.count += 1;
    acc.numTasks = Math.max(acc.numTasks, Number(m[9]));
    if (ms > acc.max) {
      acc.max = ms;
      acc.maxTask = {
        taskId: Number(m[4]),
        index: Number(m[1]),
        host: m[6]!,
        ...(m[7] ? { executorId: m[7] } : {}),
        durationMs: ms,
      };
    }
    if (acc.sample.length < RESERVOIR) acc.sample.push(ms);
    else {
      const slot = Math.floor(this.random() * acc.count);
      if (slot < RESERVOIR) acc.sample[slot] = ms;
    }
  }

  toStages(): SparkStageStats[] {
    return [...this.stages.values()].map((acc) => {
      const sorted = [...acc.sample].sort((a, b) => a - b);
      const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
      return {
        stageId: acc.stageId,
        attemptId: acc.attemptId,
        name: this.names.get(acc.stageId) ?? `stage ${acc.stageId}`,
        numTasks: Math.max(acc.numTasks, acc.count),
        completedTasks: acc.count,
        durationMs: { median, max: acc.max },
        shuffleReadBytes: { median: 0, max: 0, total: 0 },
        ...(acc.maxTask ? { maxTask: { ...acc.maxTask, shuffleReadBytes: 0 } } : {}),
        sampled: acc.count > RESERVOIR,
        source: `${acc.location} (task lines)`,
        evidenceSource: acc.source,
      };
    });
  }
}
