import type { Matcher } from './types.js';
import { EXECUTOR_LOST, NODE_LOSS } from './signals.js';
import { clamp, hitsOf, items, plural } from './support.js';

const REASON = /Reason: ([^\n]{3,200})/;

export const executorLost: Matcher = {
  meta: {
    id: 'executor-lost',
    title: 'Executors or nodes were lost',
    severity: 'high',
    signals: [EXECUTOR_LOST, NODE_LOSS],
  },
  match(evidence) {
    const lost = hitsOf(evidence, 'executor-lost');
    const nodes = hitsOf(evidence, 'node-loss');
    if (lost.length === 0 && nodes.length === 0) return null;
    const ids = new Set(lost.map((h) => h.groups.executor ?? h.groups.exec2).filter(Boolean));
    const reason = lost.map((h) => REASON.exec(h.text)?.[1]).find(Boolean);
    const heartbeat = lost.some((h) => /heartbeat/i.test(h.text));
    const cause = nodes.length > 0 ? 'the node they ran on went away' : heartbeat ? 'their heartbeats timed out' : reason;
    const count = ids.size > 0 ? plural(ids.size, 'executor') : 'Executors';
    return {
      confidence: clamp(0.6 + (nodes.length > 0 ? 0.2 : 0) + (heartbeat ? 0.1 : 0) + Math.min(lost.length, 5) * 0.02),
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
