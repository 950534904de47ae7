import type { Matcher } from './types.js';
import { YARN_MEMORY_KILL } from './signals.js';
import { clamp, containerOf, hitsOf, items } from './support.js';

const USAGE = /(\d+(?:\.\d+)? ?[KMGT]?i?B) of (\d+(?:\.\d+)? ?[KMGT]?i?B) (physical|virtual) memory used/gi;
const UNIT: Record<string, number> = { K: 1 / 1024 / 1024, M: 1 / 1024, G: 1, T: 1024 };

function gigabytes(size: string): number {
  const m = /([\d.]+) ?([KMGT]?)/i.exec(size);
  return m ? Number(m[1]) * (UNIT[(m[2] ?? 'G').toUpperCase()] ?? 1) : 0;
}

/** NodeManager lines report physical and virtual usage together; the one over its limit is the reason. */
function overLimit(text: string): RegExpExecArray | undefined {
  const all = [...text.matchAll(USAGE)];
  return all.find((m) => gigabytes(m[1]!) > gigabytes(m[2]!)) ?? all[0];
}
const SETTING = /(spark\.(?:yarn\.)?(?:executor|driver)\.memoryOverhead)/;

export const yarnMemoryOverhead: Matcher = {
  meta: {
    id: 'yarn-memory-overhead',
    title: 'YARN killed a container for exceeding its memory limit',
    severity: 'critical',
    signals: [YARN_MEMORY_KILL],
    explains: ['executor-lost', 'container-killed-137'],
  },
  match(evidence) {
    const hits = hitsOf(evidence, 'yarn-memory-kill');
    if (hits.length === 0) return null;
    const groups = Object.assign({}, ...hits.map((h) => h.groups)) as Record<string, string | undefined>;
    // One line often says kind, usage and setting at once; the signal's regex captures only the first.
    for (const h of hits) {
      const usage = overLimit(h.text);
      if (usage && !groups.used)
        Object.assign(groups, {
          used: usage[1],
          limit: usage[2],
          kind: groups.kind ?? groups.beyond ?? groups.beyond3?.toLowerCase() ?? usage[3],
        });
      const setting = SETTING.exec(h.text)?.[1];
      if (setting && !groups.setting) groups.setting = setting;
    }
    const kind = groups.kind ?? groups.beyond ?? groups.beyond3?.toLowerCase() ?? 'physical';
    const container = hits.map(containerOf).find(Boolean);
    const isDriver = container?.isAm || /spark\.(?:yarn\.)?driver\.memoryOverhead/.test(groups.setting ?? '');
    const usage =
      groups.used && groups.limit ? ` (${groups.used} of ${groups.limit} ${kind} memory used)` : '';
    const who = isDriver ? 'the driver/ApplicationMaster container' : 'an executor container';
    return {
      confidence: clamp(0.88 + (usage ? 0.05 : 0) + (hits.length > 1 ? 0.03 : 0)),
      summary: `YARN killed ${who}${container ? ` ${container.id}` : ''} for exceeding its ${kind} memory limit${usage}: off-heap memory (overhead) ran out, not the JVM heap.${isDriver ? ' The fix targets driver memory.' : ''}`,
      evidence: items(hits),
      vars: {
        ...(container ? { containerId: container.id } : {}),
        ...(groups.limit ? { memoryLimit: groups.limit } : {}),
      },
    };
  },
};
