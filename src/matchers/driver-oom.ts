import type { Matcher } from './types.js';
import { JAVA_OOM, PYTHON_MEMORY_ERROR } from './signals.js';
import { around, clamp, hitsOf, items, sideOf } from './support.js';

const PYTHON_WORKER = /pyspark[./]worker|python worker|Python worker|worker\.py/;

export const driverOom: Matcher = {
  meta: {
    id: 'driver-oom',
    title: 'Driver ran out of memory',
    severity: 'critical',
    signals: [JAVA_OOM, PYTHON_MEMORY_ERROR],
    explains: ['executor-lost', 'container-killed-137'],
  },
  match(evidence) {
    const onDriver = hitsOf(evidence, 'java-oom')
      .map((hit) => ({ hit, ...sideOf(hit) }))
      .filter((o) => o.side === 'driver');
    // A Python MemoryError in a PySpark worker is an executor's; in a shell job or the driver it is the driver's.
    const pyMemory = hitsOf(evidence, 'python-memory-error').filter((h) => !PYTHON_WORKER.test(around(h)));
    if (onDriver.length === 0 && pyMemory.length === 0) return null;
    const isShell = evidence.glue?.job?.command === 'pythonshell';
    if (onDriver.length > 0) {
      const first = onDriver[0]!;
      const kind = first.hit.groups.kind?.trim() ?? 'Java heap space';
      const collect = /collect|toPandas|executeCollect/.test(around(first.hit));
      const broadcast = /broadcast/i.test(around(first.hit));
      const cause = collect
        ? ' while collecting results to the driver'
        : broadcast
          ? ' while building a broadcast'
          : '';
      return {
        confidence: clamp(0.85 + 0.04 * Math.min(onDriver.length, 2)),
        summary: `The driver JVM ran out of memory (${kind})${cause}; ${first.why}.`,
        evidence: items(onDriver.map((o) => o.hit)),
      };
    }
    return {
      confidence: isShell ? 0.9 : 0.7,
      summary: isShell
        ? 'The Python shell job ran out of memory (MemoryError).'
        : 'The driver\'s Python process ran out of memory (MemoryError).',
      evidence: items(pyMemory),
    };
  },
};
