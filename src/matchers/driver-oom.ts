import type { Matcher } from './types.js';
import { withDriverHeapMetrics } from './metric-support.js';
import type { Evidence } from '../evidence/model.js';
import type { Match } from './types.js';
import { JAVA_OOM, PYTHON_MEMORY_ERROR, YARN_MEMORY_KILL } from './signals.js';
import { around, clamp, containerOf, hitsOf, items, sideOf } from './support.js';

// Glue's launcher reports a Python shell process that ran out of memory with these exit codes.
const SHELL_MEMORY_EXIT: import('./types.js').Signal = {
  id: 'shell-memory-exit',
  pattern: /Command failed with exit code (?<code>10|137)\b/,
  keywords: ['Command failed with exit code'],
};
const PYTHON_SHELL = /Python shell|pythonshell/i;

/** The AM container (`_000001`) killed for memory: on YARN the driver lives there (cluster mode). */
function driverContainerKill(evidence: Evidence): Match | null {
  const kills = hitsOf(evidence, 'yarn-memory-kill').filter(
    (h) => containerOf(h)?.isAm || /AM Container/.test(h.text),
  );
  const first = kills[0];
  if (!first) return null;
  const container = containerOf(first);
  return {
    confidence: 0.8,
    summary: `The driver/ApplicationMaster container${container ? ` ${container.id}` : ''} outgrew its memory limit and YARN killed it: the driver needed more memory than it was given (too much collected, broadcast or listed on the driver).`,
    evidence: items(kills),
    ...(container ? { vars: { containerId: container.id } } : {}),
  };
}

function shellExit(evidence: Evidence): Match | null {
  const exits = hitsOf(evidence, 'shell-memory-exit');
  if (exits.length === 0) return null;
  const isShell = evidence.glue?.job?.command === 'pythonshell';
  const saysShell =
    exits.some((h) => PYTHON_SHELL.test(around(h))) || hitsOf(evidence, 'python-shell').length > 0;
  if (!isShell && !saysShell) return null;
  return {
    confidence: isShell ? 0.8 : 0.7,
    summary: `The Python shell job's process exited with code ${exits[0]!.groups.code ?? '?'}, which Glue reports when a shell job runs out of memory.`,
    evidence: items(exits),
  };
}

const PYTHON_WORKER = /pyspark[./]worker|python worker|Python worker|worker\.py/;

export const driverOom: Matcher = withDriverHeapMetrics({
  meta: {
    id: 'driver-oom',
    title: 'Driver ran out of memory',
    severity: 'critical',
    signals: [
      JAVA_OOM,
      PYTHON_MEMORY_ERROR,
      YARN_MEMORY_KILL,
      SHELL_MEMORY_EXIT,
      {
        id: 'python-shell',
        pattern: /Python shell|--job-language python.*pythonshell/,
        keywords: ['Python shell', 'pythonshell'],
      },
    ],
    explains: ['executor-lost', 'container-killed-137', 'yarn-memory-overhead'],
  },
  match(evidence) {
    const onDriver = hitsOf(evidence, 'java-oom')
      .map((hit) => ({ hit, ...sideOf(hit) }))
      .filter((o) => o.side === 'driver');
    // A Python MemoryError in a PySpark worker is an executor's; in a shell job or the driver it is the driver's.
    const pyMemory = hitsOf(evidence, 'python-memory-error').filter((h) => !PYTHON_WORKER.test(around(h)));
    if (onDriver.length === 0 && pyMemory.length === 0)
      return driverContainerKill(evidence) ?? shellExit(evidence);
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
        : "The driver's Python process ran out of memory (MemoryError).",
      evidence: items(pyMemory),
    };
  },
});
