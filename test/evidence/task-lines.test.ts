import { describe, expect, it } from 'vitest';
import { TaskLineStats } from '../../src/evidence/task-lines.js';

const line = (task: number, stage: number, tid: number, ms: number, of = 200, executor?: number) =>
  `INFO TaskSetManager: Finished task ${task}.0 in stage ${stage}.0 (TID ${tid}) in ${ms} ms on ip-10-0-0-${task % 9}.ec2.internal${executor !== undefined ? ` (executor ${executor})` : ''} (${task + 1}/${of})`;

describe('TaskLineStats', () => {
  it('summarises task durations per stage from Spark 2 and Spark 3 lines, with the stage name', () => {
    const stats = new TaskLineStats();
    const text = [
      line(0, 4, 10, 5000),
      line(1, 4, 11, 6000, 200, 3),
      line(2, 4, 12, 900_000, 200, 7),
      line(3, 4, 13, 5500),
      'INFO DAGScheduler: ResultStage 4 (save at job.py:42) finished in 905.1 s',
    ].join('\n');
    stats.scan(text, 'driver.log', 'file');
    const [stage] = stats.toStages();
    expect(stage).toMatchObject({
      stageId: 4,
      name: 'save at job.py:42',
      numTasks: 200,
      completedTasks: 4,
      durationMs: { max: 900_000, median: 5500 },
      maxTask: { taskId: 12, executorId: '7', durationMs: 900_000 },
      evidenceSource: 'file',
    });
  });

  it('keeps memory bounded with a deterministic sample on huge stages', () => {
    const stats = new TaskLineStats();
    const lines = Array.from({ length: 5000 }, (_, i) => line(i, 1, i, 1000 + (i % 7)));
    stats.scan(lines.join('\n'), 'x', 'file');
    const [stage] = stats.toStages();
    expect(stage!.completedTasks).toBe(5000);
    expect(stage!.sampled).toBe(true);
    expect(stage!.durationMs.median).toBeGreaterThanOrEqual(1000);
    expect(stage!.durationMs.median).toBeLessThanOrEqual(1006);
  });
});
