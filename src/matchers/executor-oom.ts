import type { Matcher } from './types.js';
import { withExecutorHeapMetrics } from './metric-support.js';
import { EXIT_52, JAVA_OOM } from './signals.js';
import { clamp, containerOf, hitsOf, items, plural, sideOf } from './support.js';

export const executorOom: Matcher = withExecutorHeapMetrics({
  meta: {
    id: 'executor-oom',
    title: 'Executor ran out of heap memory',
    severity: 'critical',
    signals: [JAVA_OOM, EXIT_52],
    explains: ['executor-lost', 'container-killed-137'],
  },
  match(evidence) {
    const ooms = hitsOf(evidence, 'java-oom').map((hit) => ({ hit, ...sideOf(hit) }));
    const onExecutor = ooms.filter((o) => o.side === 'executor');
    const anyDriver = ooms.some((o) => o.side === 'driver');
    const unknown = anyDriver ? [] : ooms.filter((o) => o.side === 'unknown');
    const exit52 = hitsOf(evidence, 'exit-52');
    if (onExecutor.length === 0 && unknown.length === 0 && exit52.length === 0) return null;

    const chosen = onExecutor.length > 0 ? onExecutor : unknown;
    const kind = chosen.find((o) => o.hit.groups.kind)?.hit.groups.kind?.trim() ?? 'Java heap space';
    const executorId = /executor (\d+)/.exec(chosen.map((o) => o.hit.text).join(' '))?.[1];
    const container = chosen.map((o) => containerOf(o.hit)).find(Boolean);
    const vars = {
      ...(executorId ? { executorId } : {}),
      ...(container ? { containerId: container.id } : {}),
    };
    if (onExecutor.length > 0) {
      const where = onExecutor[0]?.why ?? '';
      return {
        confidence: clamp(0.85 + 0.03 * Math.min(onExecutor.length, 3) + (exit52.length > 0 ? 0.03 : 0)),
        summary: `An executor JVM ran out of memory (${kind}); first seen ${where}${executorId ? ` (executor ${executorId})` : ''}; ${plural(evidence.hitCounts['java-oom'] ?? onExecutor.length, 'OutOfMemoryError line')} in what was read.`,
        evidence: items([...onExecutor.map((o) => o.hit), ...exit52]),
        vars,
      };
    }
    if (unknown.length > 0) {
      return {
        confidence: 0.6,
        summary: `A JVM ran out of memory (${kind}); the log does not say which process, and an executor is the more common case.`,
        evidence: items([...unknown.map((o) => o.hit), ...exit52]),
        vars,
        alternatives: [
          { reading: 'executor-oom: an executor ran out of heap', confidence: 0.6 },
          { reading: 'driver-oom: the driver ran out of heap', confidence: 0.35 },
        ],
      };
    }
    return {
      confidence: 0.75,
      summary: `An executor exited with code 52, Spark's exit code for an executor that ran out of memory.`,
      evidence: items(exit52),
      vars,
    };
  },
});
