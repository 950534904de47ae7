import type { Matcher } from './types.js';
import { FAILURE_MARKER, HDFS_QUOTA, NO_SPACE, RUN_FAILED, RUN_SUCCEEDED } from './signals.js';
import {
  around,
  clamp,
  containerOf,
  countOf,
  firstCapture,
  hitsOf,
  isQuiet,
  items,
  levelOf,
  listed,
  metricItem,
  peakMetric,
  plural,
  recoveredFrom,
  round,
  unique,
} from './support.js';

// `java.io.FileNotFoundException: /mnt/.../blockmgr-x/0c/temp_shuffle_y (No space left on device)`
const PATH_BEFORE = /((?:\/[\w.@+=-]+)+)[^\n/]{0,40}?\(No space left on device\)/;
// Python `OSError: [Errno 28] No space left on device: '/tmp/x'`, `cp: error writing '/tmp/x': No space...`
const PATH_AFTER = /(?:No space left on device|\[Errno 28\][^:\n]*):\s*['"]?((?:\/[\w.@+=-]+)+)/;
const PATH_QUOTED = /['"]((?:\/[\w.@+=-]+)+)['"]\s*:\s*No space left on device/;
// YARN NodeManager health: `[ /mnt/yarn : used space above threshold of 90.0% ]`
const YARN_DIR = /\[\s*((?:\/[\w.@+=-]+)+)\s*:\s*used space above threshold/;
const LOCAL_DIR = /((?:\/(?:mnt\d*|tmp|media\/ephemeral\d*|var\/lib\/hadoop|data\d*)\b)(?:\/[\w.@+=-]+)*)/;
const STAGE = /stage (\d+)(?:\.\d+)?/;
const EXECUTOR = /executor (\d+)\)?/;

function activity(text: string): string | undefined {
  if (/spill|UnsafeSorterSpillWriter|ExternalSorter|ExternalAppendOnlyMap|SpillWriter/i.test(text))
    return 'spilling to local disk';
  if (/shuffle|ShuffleMapTask|DiskBlockObjectWriter/i.test(text)) return 'writing shuffle files';
  if (/DiskStore|BlockManager|rdd_\d+|CachedBatch/.test(text)) return 'caching blocks on local disk';
  if (/local-dirs|log-dirs/.test(text)) return "YARN marked the node's local directories unusable";
  if (/Errno 28|OSError|IOError/.test(text)) return 'writing a local file from Python';
  return undefined;
}

export const diskFull: Matcher = {
  meta: {
    id: 'disk-full',
    title: 'Local disk filled up',
    severity: 'critical',
    signals: [NO_SPACE, HDFS_QUOTA, FAILURE_MARKER, RUN_FAILED, RUN_SUCCEEDED],
    explains: ['executor-lost', 'am-launch-failure'],
  },
  match(evidence) {
    // A quota refusal from the NameNode is hdfs-quota-exceeded, whatever words come with it.
    const hits = hitsOf(evidence, 'no-space').filter(
      (h) => !/QuotaExceeded|quota of|quota \(/.test(around(h)) && !isQuiet(levelOf(h)),
    );
    const disk = peakMetric(evidence, /disk\.used\.percentage$|disk\.used_percent/i);
    const diskPct = disk ? (disk.value <= 1.5 ? disk.value * 100 : disk.value) : undefined;
    const metricFull = diskPct !== undefined && diskPct >= 95;
    if (hits.length === 0 && !metricFull) return null;
    if (hits.length > 0 && !metricFull && recoveredFrom(evidence, hits)) return null;

    const texts = hits.map((h) => around(h));
    const path =
      unique(
        hits.flatMap((h) => [
          firstCapture(PATH_BEFORE, h.text, ...h.before.slice(-2)),
          firstCapture(PATH_AFTER, h.text),
          firstCapture(PATH_QUOTED, h.text),
          firstCapture(YARN_DIR, h.text),
        ]),
      )[0] ?? unique(texts.map((t) => firstCapture(LOCAL_DIR, t)))[0];
    const doing = unique(texts.map(activity))[0];
    const stages = unique(hits.map((h) => firstCapture(STAGE, h.text, ...h.before)));
    const executors = unique(hits.map((h) => firstCapture(EXECUTOR, h.text, ...h.before)));
    const container = hits.map(containerOf).find(Boolean);
    const count = countOf(evidence, 'no-space');
    const evidenceItems = items(hits);
    if (disk && diskPct !== undefined && diskPct >= 90) {
      evidenceItems.push(metricItem(disk, `peak local disk use ${round(diskPct)}%`));
    }

    if (hits.length === 0) {
      return {
        confidence: diskPct! >= 98 ? 0.7 : 0.55,
        summary: `Local disk use peaked at ${round(diskPct!)}% (${disk!.series.name}); no "No space left on device" line was found in the logs read.`,
        evidence: evidenceItems,
      };
    }
    const where = [
      path ? `on ${path}` : "on a worker's local disk",
      doing ? `while ${doing}` : '',
      stages.length > 0 ? `in stage ${listed(stages)}` : '',
      executors.length > 0
        ? `on executor ${listed(executors)}`
        : container
          ? `in container ${container.id}`
          : '',
    ]
      .filter(Boolean)
      .join(' ');
    return {
      confidence: clamp(0.88 + (metricFull ? 0.06 : 0) + (count > 1 ? 0.03 : 0)),
      summary: `No space left on device ${where} (${plural(count, 'occurrence')})${diskPct !== undefined ? `; local disk use peaked at ${round(diskPct)}%` : ''}.`,
      evidence: evidenceItems,
      vars: {
        ...(path ? { path } : {}),
        ...(stages[0] ? { stageId: stages[0] } : {}),
        ...(executors[0] ? { executorId: executors[0] } : {}),
        ...(container ? { containerId: container.id } : {}),
      },
    };
  },
};
