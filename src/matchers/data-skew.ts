import type { Evidence, LogHit } from '../evidence/model.js';
import { metricLocation, peakOf, seriesOf, sumOf, type MetricSeries } from '../evidence/metrics.js';
import type { SparkStageStats } from '../evidence/spark.js';
import {
  atLeast,
  damped,
  describeLadder,
  formatBytes,
  formatDuration,
  formatRatio,
  levelOf,
  maxLevel,
  minLevel,
  rank,
  severityOf,
  type Ladder,
  type Level,
} from './ladder.js';
import { clock, executorHeaps, metricItem, unevenHeap } from './metric-support.js';
import type { EvidenceItem, Match, Matcher, Signal } from './types.js';
import { clamp, hitsOf, items } from './support.js';

/**
 * Data skew, from (strongest first) Spark event log task statistics per stage, Glue's skewness
 * observability metrics, per-executor imbalance of bytes read or shuffled, and log lines of stragglers.
 * Ratios are rated on Dr. Elephant-style ladders and damped by absolute size: a 40x ratio over 50 MB
 * is not worth anyone's time. Skew is the cause; the OOM, 137 or timeout it produced is the effect.
 */

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const MIN = 60 * 1000;

export interface SkewConfig {
  /** Largest / median shuffle read of a stage's tasks. */
  shuffleRatio: Ladder;
  /** Longest / median task duration of a stage. */
  durationRatio: Ladder;
  /** Largest / median executor total of bytes read or shuffled. */
  executorRatio: Ladder;
  /** `glue.driver.skewness.stage|job`: 0 below Glue's skew factor (5x), 1 at twice the factor. */
  skewnessMetric: Ladder;
  /** Damping: the absolute size of the largest task's (or executor's) data. */
  bytesDamping: Ladder;
  /** Damping: how long the longest task (or the run) took. */
  durationDamping: Ladder;
  /** Fewer successful tasks than this is no distribution to rate. */
  minTasks: number;
  /** A failed run is reported from this level, a succeeded one from `reportSucceeded`. */
  report: Level;
  reportSucceeded: Level;
}

export const DEFAULT_SKEW_CONFIG: SkewConfig = {
  shuffleRatio: { low: 2, moderate: 4, severe: 8, critical: 16 },
  durationRatio: { low: 2, moderate: 4, severe: 8, critical: 16 },
  executorRatio: { low: 1.5, moderate: 2, severe: 4, critical: 8 },
  skewnessMetric: { low: 0.1, moderate: 0.5, severe: 1, critical: 2 },
  bytesDamping: { low: 64 * MIB, moderate: 256 * MIB, severe: 1 * GIB, critical: 4 * GIB },
  durationDamping: { low: 1 * MIN, moderate: 5 * MIN, severe: 15 * MIN, critical: 30 * MIN },
  minTasks: 4,
  report: 'moderate',
  reportSucceeded: 'severe',
};

/** A task that ran long enough for Spark to consider a speculative copy: a stage stuck on its last tasks. */
export const SPECULATABLE_TASK: Signal = {
  id: 'speculatable-task',
  keywords: ['as speculatable'],
  pattern:
    /Marking task (?<task>[\d.]+) in stage (?<stage>\d+)(?:\.\d+)? \(on (?<host>[^)]+)\) as speculatable because it ran more than (?<ms>[\d.]+) ?ms/,
};

/** One task spilling gigabytes: the hot partition did not fit in memory. */
export const LARGE_SPILL: Signal = {
  id: 'large-spill',
  keywords: ['spilling sort data', 'spilling in-memory map'],
  pattern:
    /spilling (?:sort data|in-memory map) of (?<size>[\d.]+ ?(?:G|T)i?B) to disk(?: \((?<times>\d+) times? so far\))?/i,
};

/** Adaptive query execution found skewed partitions (and may have split them). */
export const AQE_SKEW: Signal = {
  id: 'aqe-skew',
  keywords: [
    'OptimizeSkewedJoin',
    'Optimizing skewed join',
    'skewed partition',
    'skew partition',
    'found skew',
    'detected skew',
  ],
  pattern:
    /OptimizeSkewedJoin|Optimizing skewed join|skewed partition(?:s)? (?:found|detected)|(?:found|detected) skew(?:ed)? partition/i,
};

interface Reading {
  level: Level;
  /** Kind of evidence: event-log (task level), metric (skewness), imbalance (per executor), text. */
  kind: 'event-log' | 'task-lines' | 'skewness-metric' | 'imbalance' | 'text';
  summary: string;
  items: EvidenceItem[];
  vars?: Match['vars'];
}

const BASE_CONFIDENCE: Record<Reading['kind'], number> = {
  'event-log': 0.82,
  'task-lines': 0.75,
  'skewness-metric': 0.76,
  imbalance: 0.66,
  text: 0.5,
};

interface StageRating {
  stage: SparkStageStats;
  level: Level;
  shuffleRatio: number;
  durationRatio: number;
  stuck: boolean;
}

function rateStage(stage: SparkStageStats, c: SkewConfig): StageRating | undefined {
  const done = stage.completedTasks ?? stage.numTasks;
  const running = stage.runningTasks ?? 0;
  if (done < c.minTasks) return undefined;
  const shuffle = stage.shuffleReadBytes;
  const shuffleRatio = shuffle.max / Math.max(shuffle.median, MIB);
  const durationRatio = stage.durationMs.max / Math.max(stage.durationMs.median, 1000);
  const shuffleLevel = damped(shuffleRatio, c.shuffleRatio, shuffle.max, c.bytesDamping);
  const durationLevel = damped(durationRatio, c.durationRatio, stage.durationMs.max, c.durationDamping);
  // Stuck on its last tasks: the log ends with almost every task done and a few running far longer.
  const longest = stage.longestRunningMs ?? 0;
  const stuck =
    stage.status === 'incomplete' &&
    running > 0 &&
    running <= Math.max(1, Math.ceil(stage.numTasks * 0.05)) &&
    longest >= 4 * Math.max(stage.durationMs.median, 1000);
  const stuckLevel = stuck
    ? damped(longest / Math.max(stage.durationMs.median, 1000), c.durationRatio, longest, c.durationDamping)
    : 'none';
  return {
    stage,
    level: maxLevel(shuffleLevel, durationLevel, stuckLevel),
    shuffleRatio,
    durationRatio,
    stuck,
  };
}

function stageText(r: StageRating): string {
  const s = r.stage;
  const t = s.maxTask;
  const where = t
    ? ` (task ${t.taskId}${t.executorId ? ` on executor ${t.executorId}` : ''}${t.failed ? `, failed${t.reason ? `: ${t.reason.replace(/^Lost task .*?\): /, '').slice(0, 120)}` : ''}` : ''})`
    : '';
  const parts = [
    `stage ${s.stageId}.${s.attemptId} "${s.name}": ${s.numTasks} tasks`,
    ...(s.shuffleReadBytes.max > 0
      ? [
          `shuffle read max ${formatBytes(s.shuffleReadBytes.max)}${where} vs median ${formatBytes(s.shuffleReadBytes.median)} = ${formatRatio(r.shuffleRatio)}`,
        ]
      : []),
    `duration max ${formatDuration(s.durationMs.max)}${s.shuffleReadBytes.max > 0 ? '' : where} vs median ${formatDuration(s.durationMs.median)} = ${formatRatio(r.durationRatio)}`,
  ];
  if (r.stuck) {
    parts.push(
      `log ends with ${s.runningTasks} of ${s.numTasks} tasks still running after ${formatDuration(s.longestRunningMs ?? 0)}`,
    );
  }
  if (s.spillBytes && s.spillBytes.max > 0) parts.push(`max task spill ${formatBytes(s.spillBytes.max)}`);
  if (s.sampled) parts.push('medians from a sample of the tasks');
  return parts.join('; ');
}

/** Stages come from an event log, or from the driver's task lines in a log (task-lines.ts). */
function stageSource(s: SparkStageStats): EvidenceItem['source'] {
  return (s.evidenceSource as EvidenceItem['source'] | undefined) ?? 'spark-event-log';
}

function fromStages(evidence: Evidence, c: SkewConfig): Reading | undefined {
  const rated = (evidence.stages ?? [])
    .map((s) => rateStage(s, c))
    .filter((r): r is StageRating => r !== undefined)
    .sort(
      (a, b) => rank(b.level) - rank(a.level) || b.stage.shuffleReadBytes.max - a.stage.shuffleReadBytes.max,
    );
  const worst = rated[0];
  if (!worst || worst.level === 'none') return undefined;
  const s = worst.stage;
  const others = rated.slice(1).filter((r) => atLeast(r.level, 'moderate'));
  const item: EvidenceItem = {
    source: stageSource(s),
    location: `${s.source ?? 'event log'}#stage-${s.stageId}.${s.attemptId}`,
    ...((s.completedAt ?? s.submittedAt) ? { timestamp: (s.completedAt ?? s.submittedAt)! } : {}),
    text: stageText(worst),
  };
  const moreItems = others.slice(0, 2).map((r): EvidenceItem => ({
    source: stageSource(r.stage),
    location: `${r.stage.source ?? 'event log'}#stage-${r.stage.stageId}.${r.stage.attemptId}`,
    text: stageText(r),
  }));
  const bigShuffle = worst.shuffleRatio >= worst.durationRatio && s.shuffleReadBytes.max > 0;
  const what = worst.stuck
    ? `was stuck on its last ${s.runningTasks} task${s.runningTasks === 1 ? '' : 's'} when the log ends (${formatDuration(s.longestRunningMs ?? 0)} against a median task of ${formatDuration(s.durationMs.median)})`
    : bigShuffle
      ? `has one task reading ${formatBytes(s.shuffleReadBytes.max)} of shuffle data, ${formatRatio(worst.shuffleRatio)} the median task (${formatBytes(s.shuffleReadBytes.median)})${s.maxTask?.failed ? ', and that task failed' : ''}`
      : `has one task running ${formatDuration(s.durationMs.max)}, ${formatRatio(worst.durationRatio)} the median task (${formatDuration(s.durationMs.median)})`;
  const executor = s.maxTask?.executorId;
  return {
    level: worst.level,
    kind: s.evidenceSource ? 'task-lines' : 'event-log',
    summary: `Stage ${s.stageId} (${s.name}) ${what}${executor ? ` on executor ${executor}` : ''}${others.length > 0 ? `; ${others.length} more stage${others.length === 1 ? ' is' : 's are'} skewed` : ''}.`,
    items: [item, ...moreItems],
    vars: { stageId: String(s.stageId), ...(executor ? { executorId: executor } : {}) },
  };
}

function runDurationMs(evidence: Evidence): number | undefined {
  const run = evidence.glue?.run;
  if (run?.executionTimeSec !== undefined) return run.executionTimeSec * 1000;
  const s = evidence.status;
  if (s?.startedOn && s.completedOn) return Date.parse(s.completedOn) - Date.parse(s.startedOn);
  return undefined;
}

function fromSkewnessMetric(evidence: Evidence, c: SkewConfig): Reading | undefined {
  const series = seriesOf(evidence.metrics, 'skewness')
    .map((s) => ({ s, peak: peakOf(s) }))
    .filter((x) => x.peak !== undefined)
    .sort((a, b) => b.peak!.value - a.peak!.value);
  const top = series[0];
  if (!top?.peak) return undefined;
  const duration = runDurationMs(evidence);
  const raw = levelOf(top.peak.value, c.skewnessMetric);
  // skewness.job already weighs stages by duration; a short run still damps it.
  const level = duration === undefined ? raw : minLevel(raw, levelOf(duration, c.durationDamping));
  if (level === 'none') return undefined;
  const items = series
    .slice(0, 2)
    .map((x) => metricItem(x.s, c.skewnessMetric.moderate))
    .filter((i): i is EvidenceItem => i !== undefined);
  const factorRatio = 5 * (1 + top.peak.value);
  return {
    level,
    kind: 'skewness-metric',
    summary: `Glue's ${top.s.name} metric reached ${Math.round(top.peak.value * 100) / 100} at ${clock(top.peak.at)} (about ${formatRatio(factorRatio)} max/median task time with the default skew factor 5).`,
    items,
  };
}

interface ExecutorTotal {
  executorId: string;
  total: number;
  series: MetricSeries;
}

function fromImbalance(evidence: Evidence, c: SkewConfig): Reading | undefined {
  let best: { level: Level; reading: Reading; ratio: number } | undefined;
  for (const kind of ['shuffle-read', 'bytes-read'] as const) {
    const byExecutor = new Map<string, ExecutorTotal>();
    for (const s of seriesOf(evidence.metrics, kind, 'executor')) {
      if (!s.executorId) continue;
      const prev = byExecutor.get(s.executorId);
      const total = sumOf(s);
      if (!prev || total > prev.total)
        byExecutor.set(s.executorId, { executorId: s.executorId, total, series: s });
    }
    const totals = [...byExecutor.values()].sort((a, b) => b.total - a.total);
    if (totals.length < 3) continue;
    const top = totals[0]!;
    const median = totals[Math.floor(totals.length / 2)]!;
    const ratio = top.total / Math.max(median.total, MIB);
    const level = damped(ratio, c.executorRatio, top.total, c.bytesDamping);
    if (level === 'none' || (best && rank(best.level) >= rank(level))) continue;
    const what = kind === 'shuffle-read' ? 'shuffle data' : 'input data';
    best = {
      level,
      ratio,
      reading: {
        level,
        kind: 'imbalance',
        summary: `Executor ${top.executorId} read ${formatBytes(top.total)} of ${what}, ${formatRatio(ratio)} the median executor (${formatBytes(median.total)}) of ${totals.length}.`,
        items: [
          {
            source: 'cloudwatch-metrics',
            location: metricLocation(top.series),
            ...(peakOf(top.series) ? { timestamp: peakOf(top.series)!.at } : {}),
            text: `executor ${top.executorId}: ${formatBytes(top.total)} in total (${top.series.stat} over ${top.series.points.length} datapoints) vs median executor ${median.executorId}: ${formatBytes(median.total)} = ${formatRatio(ratio)} (ladder ${describeLadder(c.executorRatio, formatRatio)})`,
          },
        ],
        vars: { executorId: top.executorId },
      },
    };
  }
  return best?.reading;
}

function fromText(evidence: Evidence, c: SkewConfig): Reading | undefined {
  const stragglers = hitsOf(evidence, 'speculatable-task');
  const spills = hitsOf(evidence, 'large-spill');
  if (stragglers.length === 0) return undefined;
  const longest = Math.max(...stragglers.map((h) => Number(h.groups.ms ?? 0)));
  const stage = stragglers[0]?.groups.stage;
  const level = minLevel('moderate', levelOf(longest, c.durationDamping));
  if (level === 'none') return undefined;
  return {
    level,
    kind: 'text',
    summary: `Stage ${stage ?? '?'} was stuck on its last tasks: Spark marked ${stragglers.length} task${stragglers.length === 1 ? '' : 's'} as speculatable after ${formatDuration(longest)}${spills.length > 0 ? ', and a task spilled gigabytes to disk' : ''}.`,
    items: items([...stragglers, ...spills], 4),
    ...(stage ? { vars: { stageId: stage } } : {}),
  };
}

function supporting(evidence: Evidence): { items: EvidenceItem[]; notes: string[]; hits: LogHit[] } {
  const notes: string[] = [];
  const out: EvidenceItem[] = [];
  const heaps = executorHeaps(evidence);
  if (heaps && unevenHeap(heaps)) {
    notes.push(
      `executor ${heaps.worst.executorId ?? '?'}'s heap peaked at ${Math.round(heaps.worst.peak * 100) / 100} while the median executor peaked at ${Math.round((heaps.median?.peak ?? 0) * 100) / 100}`,
    );
    for (const r of [heaps.worst, heaps.median]) {
      const i = r ? metricItem(r.series, 0.9) : undefined;
      if (i) out.push(i);
    }
  }
  const aqe = hitsOf(evidence, 'aqe-skew');
  if (aqe.length > 0) notes.push('adaptive query execution reported skewed partitions');
  const spills = hitsOf(evidence, 'large-spill');
  if (spills.length > 0) notes.push(`a task spilled ${spills[0]!.groups.size ?? 'gigabytes'} to disk`);
  return { items: out, notes, hits: [...aqe, ...spills] };
}

export function createDataSkewMatcher(config: SkewConfig = DEFAULT_SKEW_CONFIG): Matcher {
  return {
    meta: {
      id: 'data-skew',
      title: 'Data skew: a few tasks carry most of the work',
      severity: 'high',
      signals: [SPECULATABLE_TASK, LARGE_SPILL, AQE_SKEW],
      explains: [
        'executor-oom',
        'container-killed-137',
        'yarn-memory-overhead',
        'executor-lost',
        'disk-full',
        'glue-timeout',
      ],
      reportWhenSucceeded: true,
    },
    match(evidence) {
      const readings = [
        fromStages(evidence, config),
        fromSkewnessMetric(evidence, config),
        fromImbalance(evidence, config),
        fromText(evidence, config),
      ].filter((r): r is Reading => r !== undefined && r.level !== 'none');
      if (readings.length === 0) return null;
      const level = maxLevel(...readings.map((r) => r.level));
      const succeeded = evidence.status !== undefined && !evidence.status.failed;
      if (!atLeast(level, succeeded ? config.reportSucceeded : config.report)) return null;
      // The strongest kind of evidence leads; each other kind that agrees adds a little.
      const ordered = [...readings].sort(
        (a, b) => BASE_CONFIDENCE[b.kind] - BASE_CONFIDENCE[a.kind] || rank(b.level) - rank(a.level),
      );
      const lead = ordered[0]!;
      const agreeing = ordered.slice(1).filter((r) => atLeast(r.level, 'low'));
      const support = supporting(evidence);
      const confidence = clamp(
        BASE_CONFIDENCE[lead.kind] +
          0.04 * agreeing.length +
          0.03 * support.notes.length +
          (rank(lead.level) - rank('moderate')) * 0.03,
        0,
        0.95,
      );
      const also = agreeing.map((r) => r.summary);
      const summary = [
        lead.summary,
        ...also,
        support.notes.length > 0 ? `Also: ${support.notes.join('; ')}.` : '',
        `Rated ${level} (${lead.kind} ratio ladder ${describeLadder(lead.kind === 'imbalance' ? config.executorRatio : lead.kind === 'skewness-metric' ? config.skewnessMetric : config.shuffleRatio, lead.kind === 'skewness-metric' ? String : formatRatio)}, damped below ${formatBytes(config.bytesDamping.moderate)} or ${formatDuration(config.durationDamping.moderate)}).`,
      ]
        .filter(Boolean)
        .join(' ');
      const evidenceItems = [...ordered.flatMap((r) => r.items), ...support.items, ...items(support.hits, 2)];
      const vars = Object.assign({}, ...[...ordered].reverse().map((r) => r.vars ?? {})) as Match['vars'];
      return {
        confidence,
        severity: severityOf(level, evidence.status?.failed ?? false),
        summary,
        evidence: evidenceItems.slice(0, 10),
        ...(vars && Object.keys(vars).length > 0 ? { vars } : {}),
      };
    },
  };
}

export const dataSkew: Matcher = createDataSkewMatcher();
