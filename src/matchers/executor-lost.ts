import type { Matcher } from './types.js';
import { EXECUTOR_LOST, EXECUTOR_RELEASED, NODE_LOSS } from './signals.js';
import type { LogHit } from '../evidence/model.js';
import { clamp, hitsOf, items, plural } from './support.js';

const REASON = /Reason: ([^\n]{3,200})/;

function executorIdOf(hit: LogHit): string | undefined {
  return hit.groups.executor ?? hit.groups.exec2 ?? hit.groups.exec3;
}

function releasedIds(hits: LogHit[]): Set<string> {
  const ids = new Set<string>();
  for (const h of hits) {
    for (const id of [h.groups.idle, h.groups.killed, ...(h.groups.ids ?? '').split(/[, ]+/)]) if (id) ids.add(id);
  }
  return ids;
}

export const executorLost: Matcher = {
  meta: {
    id: 'executor-lost',
    title: 'Executors or nodes were lost',
    severity: 'high',
    signals: [EXECUTOR_LOST, NODE_LOSS, EXECUTOR_RELEASED],
  },
  match(evidence) {
    const released = releasedIds(hitsOf(evidence, 'executor-released'));
    const lost = hitsOf(evidence, 'executor-lost').filter((h) => {
      const id = executorIdOf(h);
      return id === undefined || !released.has(id);
    });
    const nodes = hitsOf(evidence, 'node-loss');
    if (lost.length === 0 && nodes.length === 0) return null;
    const ids = new Set(lost.map(executorIdOf).filter(Boolean));
    const reason = lost.map((h) => REASON.exec(h.text)?.[1]).find(Boolean);
    const heartbeat = lost.some((h) => /heartbeat/i.test(h.text));
    const fetchOnly = lost.every((h) => /FetchFailed/i.test(h.text)) && nodes.length === 0;
    const cause =
      nodes.length > 0
        ? 'the node they ran on went away'
        : heartbeat
          ? 'their heartbeats timed out'
          : fetchOnly
            ? 'shuffle fetches failed because the executor or node holding the map output was gone'
            : reason;
    const count = ids.size > 0 ? plural(ids.size, 'executor') : 'Executors';
    return {
      confidence: clamp(
        (fetchOnly ? 0.5 : 0.6) + (nodes.length > 0 ? 0.2 : 0) + (heartbeat ? 0.1 : 0) + Math.min(lost.length, 5) * 0.02,
      ),
      summary: `${count} ${ids.size === 1 ? 'was' : 'were'} lost${cause ? `: ${cause}` : ''}.`,
      evidence: items([...nodes, ...lost]),
      ...(heartbeat
        ? {
            alternatives: [
              { reading: 'executor-lost: the node or network failed', confidence: 0.55 },
              { reading: 'long GC pauses from memory pressure stopped the heartbeats', confidence: 0.45 },
            ],
          }
        : {}),
    };
  },
};
