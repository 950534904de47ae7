import type { EvidenceItem, Matcher } from './types.js';
import { EXECUTOR_LOST, EXECUTOR_RELEASED, NODE_LOSS } from './signals.js';
import type { Evidence, LogHit } from '../evidence/model.js';
import { describeCapacity, type EmrLostInstance } from '../evidence/emr.js';
import { clamp, hitsOf, items, plural } from './support.js';

const REASON = /Reason: ([^\n]{3,200})/;

function executorIdOf(hit: LogHit): string | undefined {
  return hit.groups.executor ?? hit.groups.exec2 ?? hit.groups.exec3;
}

function releasedIds(hits: LogHit[]): Set<string> {
  const ids = new Set<string>();
  for (const h of hits) {
    for (const id of [h.groups.idle, h.groups.killed, ...(h.groups.ids ?? '').split(/[, ]+/)])
      if (id) ids.add(id);
  }
  return ids;
}

function instanceItem(clusterId: string, i: EmrLostInstance): EvidenceItem {
  const what = [i.instanceType, i.market, i.privateDnsName].filter(Boolean).join(', ');
  return {
    source: 'emr-api',
    location: `emr:ListInstances ${clusterId} ${i.id}`,
    ...(i.endedOn ? { timestamp: i.endedOn } : {}),
    text: `${i.ec2InstanceId ?? i.id}${what ? ` (${what})` : ''} TERMINATED: ${[i.reasonCode, i.reasonMessage].filter(Boolean).join(': ') || 'no reason given'}`,
  };
}

/**
 * EMR's own account of nodes lost while the step ran (ListInstances): Spot interruptions first, named by
 * instance group or fleet and market, and how many of their hosts the logs name.
 */
function emrNodeLoss(evidence: Evidence, hits: LogHit[]) {
  const emr = evidence.emr;
  const lost = emr?.lostInstances ?? [];
  if (!emr || lost.length === 0) return undefined;
  const spot = lost.filter((i) => i.cause === 'spot-interruption');
  const chosen = spot.length > 0 ? spot : lost;
  const byCapacity = new Map<string, number>();
  for (const i of chosen) byCapacity.set(i.capacityId ?? '', (byCapacity.get(i.capacityId ?? '') ?? 0) + 1);
  const where = [...byCapacity].map(([id, n]) => {
    const capacity = emr.capacity.find((c) => c.id === id);
    return `${n} from ${capacity ? describeCapacity(capacity) : id || 'an unknown instance group'}`;
  });
  const text = hits.map((h) => h.text).join('\n');
  const named = chosen.filter((i) => i.privateDnsName && text.includes(i.privateDnsName)).length;
  const kind = spot.length > 0 ? 'Spot instance' : 'instance';
  const why = spot.length > 0 ? 'Spot interruptions' : [...new Set(chosen.map((i) => i.cause))].join(', ');
  return {
    spot: spot.length > 0,
    named,
    sentence: `EMR terminated ${plural(chosen.length, kind)} while the step ran (${why}): ${where.join('; ')}${named > 0 ? `; the logs name ${named === chosen.length ? (named === 1 ? 'its host' : 'all their hosts') : `${named} of their hosts`}` : ''}.`,
    evidence: chosen.slice(0, 4).map((i) => instanceItem(emr.clusterId, i)),
  };
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
    const emr = emrNodeLoss(evidence, [...nodes, ...lost]);
    if (lost.length === 0 && nodes.length === 0) {
      // No log line about lost executors: worth saying only when the failed step's logs could not be read.
      const logsRead = evidence.sources.some((s) => s.name.startsWith('s3://') && s.status === 'ok');
      if (!emr?.spot || !evidence.status?.failed || logsRead) return null;
      return {
        confidence: 0.45,
        summary: `${emr.sentence} The step's logs were not read, so which executors went with them is not known.`,
        evidence: emr.evidence,
      };
    }
    const ids = new Set(lost.map(executorIdOf).filter(Boolean));
    const reason = lost.map((h) => REASON.exec(h.text)?.[1]).find(Boolean);
    const heartbeat = lost.some((h) => /heartbeat/i.test(h.text));
    const fetchOnly = lost.every((h) => /FetchFailed/i.test(h.text)) && nodes.length === 0;
    // Glue 2.0+ words most executor kills this way; it names memory first, the network second.
    const thresholds =
      nodes.length === 0 && lost.some((h) => /containers exceeding thresholds/i.test(h.text));
    const cause =
      nodes.length > 0
        ? 'the node they ran on went away'
        : heartbeat
          ? 'their heartbeats timed out'
          : fetchOnly
            ? 'shuffle fetches failed because the executor or node holding the map output was gone'
            : reason;
    // Kept hits are capped; the scanner counted every distinct executor id (released ones muddle that count).
    const seen =
      released.size === 0 ? Math.max(ids.size, evidence.distinctCounts?.['executor-lost'] ?? 0) : ids.size;
    const count = seen > 0 ? plural(seen, 'executor') : 'Executors';
    return {
      confidence: clamp(
        (fetchOnly ? 0.5 : 0.6) +
          (nodes.length > 0 ? 0.2 : 0) +
          (heartbeat ? 0.1 : 0) +
          Math.min(lost.length, 5) * 0.02 +
          (emr ? 0.1 + (emr.named > 0 ? 0.05 : 0) : 0),
      ),
      summary: `${count} ${seen === 1 ? 'was' : 'were'} lost${cause ? `: ${cause}` : ''}.${emr ? ` ${emr.sentence}` : ''}`,
      evidence: [...(emr?.evidence.slice(0, 2) ?? []), ...items([...nodes, ...lost], emr ? 5 : 6)],
      ...(heartbeat
        ? {
            alternatives: [
              { reading: 'executor-lost: the node or network failed', confidence: 0.55 },
              { reading: 'long GC pauses from memory pressure stopped the heartbeats', confidence: 0.45 },
            ],
          }
        : thresholds
          ? {
              alternatives: [
                {
                  reading:
                    'memory: the executor container went over its memory and was stopped (the usual case on Glue)',
                  confidence: 0.6,
                },
                { reading: 'executor-lost: the network or the node failed', confidence: 0.4 },
              ],
            }
          : {}),
    };
  },
};
