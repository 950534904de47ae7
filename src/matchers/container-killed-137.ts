import type { Alternative, Matcher } from './types.js';
import {
  EXIT_137,
  GC_PRESSURE,
  JAVA_OOM,
  KERNEL_OOM_KILL,
  MANUAL_KILL,
  NODE_LOSS,
  YARN_MEMORY_KILL,
} from './signals.js';
import type { LogHit } from '../evidence/model.js';
import { containerOf, countOf, hitsOf, items, round } from './support.js';

type Reading = 'memory' | 'node-loss' | 'manual-kill';

const READING_TEXT: Record<Reading, string> = {
  memory: 'memory: the kernel OOM killer or a memory enforcer killed it',
  'node-loss': 'node loss: the node went away (spot reclaim, decommission, lost NodeManager)',
  'manual-kill': 'manual kill: a user or the service stopped it',
};

/** A kill on a host that EMR says it terminated while the step ran (Spot reclaim, failed node, scale-in). */
function onLostInstance(evidence: Parameters<Matcher['match']>[0], kills: LogHit[]): boolean {
  const hosts = (evidence.emr?.lostInstances ?? [])
    .map((i) => i.privateDnsName)
    .filter((h): h is string => !!h);
  return kills.some((k) => hosts.some((host) => k.text.includes(host)));
}

/** 137 is SIGKILL, not proof of OOM: weigh the other evidence and keep the losing readings visible. */
function weigh(evidence: Parameters<Matcher['match']>[0], kills: LogHit[]): Alternative[] {
  const memory = countOf(evidence, 'kernel-oom-kill', 'java-oom', 'yarn-memory-kill') > 0;
  const gc = countOf(evidence, 'gc-pressure') > 0;
  const node = countOf(evidence, 'node-loss') > 0 || onLostInstance(evidence, kills);
  const manual = countOf(evidence, 'manual-kill') > 0;
  const scores: Record<Reading, number> = {
    memory: 0.55 + (memory ? 0.3 : 0) + (gc ? 0.1 : 0) - (node || manual ? 0.25 : 0),
    'node-loss': 0.2 + (node ? 0.55 : 0),
    'manual-kill': 0.1 + (manual ? 0.6 : 0),
  };
  const total = scores.memory + scores['node-loss'] + scores['manual-kill'];
  return (Object.keys(scores) as Reading[])
    .map((r) => ({ reading: READING_TEXT[r], confidence: round(scores[r] / total) }))
    .sort((a, b) => b.confidence - a.confidence);
}

export const containerKilled137: Matcher = {
  meta: {
    id: 'container-killed-137',
    title: 'Container was killed (exit code 137)',
    severity: 'high',
    signals: [EXIT_137, KERNEL_OOM_KILL, NODE_LOSS, MANUAL_KILL, GC_PRESSURE, JAVA_OOM, YARN_MEMORY_KILL],
    explains: ['executor-lost'],
  },
  match(evidence) {
    const kills = hitsOf(evidence, 'exit-137');
    if (kills.length === 0) return null;
    const alternatives = weigh(evidence, kills);
    const best = alternatives[0]!;
    const container = kills.map(containerOf).find(Boolean);
    const whose = container?.isAm
      ? `the ApplicationMaster/driver container ${container.id}`
      : container
        ? `container ${container.id}`
        : 'a container';
    const support = hitsOf(evidence, 'kernel-oom-kill', 'node-loss', 'manual-kill', 'gc-pressure').slice(
      0,
      3,
    );
    return {
      confidence: best.confidence,
      summary: `${whose[0]!.toUpperCase()}${whose.slice(1)} was SIGKILLed (exit code 137). Most likely reading: ${best.reading}; 137 alone does not prove which.`,
      evidence: items([...kills, ...support], 8),
      alternatives,
      vars: container ? { containerId: container.id } : {},
    };
  },
};
