import type { Evidence } from '../evidence/model.js';
import type { GlueRunHistoryEntry } from '../evidence/glue.js';
import { peakOf, seriesOf } from '../evidence/metrics.js';
import { formatBytes } from './ladder.js';
import { metricItem } from './metric-support.js';
import type { EvidenceItem, Match, Matcher, Signal } from './types.js';
import { clamp, hitsOf, items, plural } from './support.js';

/**
 * The job bookmark out of step with the data: runs that SUCCEED reading nothing after runs that read
 * data, runs that reread everything because no bookmark is ever saved, bookmark filter lines that drop
 * every file, and version mismatches from concurrent runs. A bookmarked run that succeeded but read
 * nothing is a problem, not a healthy run.
 */

/** Glue's S3 bookmark filter: `After final job bookmarks filter, processing 0.00% of 474 files in partition ...`. */
export const BOOKMARK_FILTER: Signal = {
  id: 'bookmark-filter',
  keywords: ['job bookmark filter', 'job bookmarks filter'],
  pattern:
    /After (?<phase>initial|final) job bookmarks? filter, processing (?<pct>[\d.]+)% of (?<files>\d+) files? in partition/,
};

export const BOOKMARK_SKIP: Signal = {
  id: 'bookmark-skip',
  keywords: ['as no new files detected'],
  pattern: /Skipping Partition .{0,400}?as no new files detected/,
};

export const BOOKMARK_VERSION_MISMATCH: Signal = {
  id: 'bookmark-version-mismatch',
  keywords: ['VERSION_MISMATCH', 'VersionMismatch', 'version mismatch', 'version conflict'],
  pattern:
    /GLUE_JOB_BOOKMARK_VERSION_MISMATCH|VersionMismatchException|job ?bookmark.{0,120}version (?:mismatch|conflict)|version (?:mismatch|conflict).{0,120}bookmark/i,
};

const ON = new Set(['job-bookmark-enable', 'job-bookmark-pause']);

function optionOf(evidence: Evidence): string | undefined {
  return (
    evidence.glue?.run?.arguments['--job-bookmark-option'] ??
    evidence.glue?.job?.defaultArguments['--job-bookmark-option'] ??
    evidence.glue?.bookmark?.option
  );
}

function runOption(evidence: Evidence, h: GlueRunHistoryEntry): string | undefined {
  return (
    h.arguments?.['--job-bookmark-option'] ?? evidence.glue?.job?.defaultArguments['--job-bookmark-option']
  );
}

/** What a run read, when its metrics said: records if known, else bytes. */
function readOf(h: GlueRunHistoryEntry): number | undefined {
  return h.recordsRead ?? h.bytesRead;
}

function readText(h: GlueRunHistoryEntry): string {
  const parts = [
    h.recordsRead !== undefined ? `${h.recordsRead} records` : '',
    h.bytesRead !== undefined ? formatBytes(h.bytesRead) : '',
  ].filter(Boolean);
  return parts.length > 0 ? `read ${parts.join(' / ')}` : 'reads unknown (no job metrics)';
}

function historyItem(evidence: Evidence, h: GlueRunHistoryEntry): EvidenceItem {
  const job = evidence.glue?.run?.jobName ?? '';
  return {
    source: 'glue-api',
    location: `glue:GetJobRuns ${job} ${h.runId}`,
    ...(h.startedOn ? { timestamp: h.startedOn } : {}),
    text: `${h.state}, ${readText(h)}, bookmark option ${runOption(evidence, h) ?? 'job-bookmark-disable'}${h.errorMessage ? `: ${h.errorMessage.slice(0, 200)}` : ''}`,
  };
}

function bookmarkItem(evidence: Evidence): EvidenceItem | undefined {
  const b = evidence.glue?.bookmark;
  const job = evidence.glue?.run?.jobName ?? '';
  if (!b || b.state === 'unknown' || b.state === undefined) return undefined;
  if (b.state === 'none') {
    return {
      source: 'glue-api',
      location: `glue:GetJobBookmark ${job}`,
      text: 'no bookmark saved (EntityNotFoundException): no run has committed one',
    };
  }
  const sources = (b.sources ?? []).map((s) => `${s.ctx}${s.kind ? ` (${s.kind})` : ''}`);
  return {
    source: 'glue-api',
    location: `glue:GetJobBookmark ${job}`,
    text: `version ${b.version ?? '?'}, run ${b.run ?? '?'}, saved by ${b.runId ?? '?'}; ${sources.length > 0 ? `sources: ${sources.join(', ')}` : 'no bookmarked sources (no transformation_ctx was recorded)'}`,
  };
}

function interval(h: { startedOn?: string; completedOn?: string }): [number, number] | undefined {
  if (!h.startedOn) return undefined;
  const start = Date.parse(h.startedOn);
  const end = h.completedOn ? Date.parse(h.completedOn) : Number.POSITIVE_INFINITY;
  return Number.isFinite(start) ? [start, end] : undefined;
}

/** Runs in the history whose time span overlaps the diagnosed run's. */
function overlapping(evidence: Evidence): GlueRunHistoryEntry[] {
  const run = evidence.glue?.run;
  const mine = run ? interval(run) : undefined;
  if (!run || !mine) return [];
  return (evidence.glue?.history ?? []).filter((h) => {
    if (h.runId === run.runId) return false;
    const other = interval(h);
    return other !== undefined && other[0] < mine[1] && mine[0] < other[1];
  });
}

const FIX =
  'Check the script first: job.init(args["JOB_NAME"], args) at the start, job.commit() at the end, and a stable transformation_ctx on every bookmarked source; then, once the target can take reprocessed data, reset with';

function resetCommand(evidence: Evidence): string {
  return `aws glue reset-job-bookmark --job-name ${evidence.glue?.run?.jobName ?? '<job-name>'}`;
}

function versionMismatch(evidence: Evidence): Match | null {
  const hits = hitsOf(evidence, 'bookmark-version-mismatch');
  const metric = seriesOf(evidence.metrics, 'error-category').filter(
    (s) => s.name === 'glue.error.GLUE_JOB_BOOKMARK_VERSION_MISMATCH_ERROR' && (peakOf(s)?.value ?? 0) > 0,
  );
  if (hits.length === 0 && metric.length === 0) return null;
  const others = overlapping(evidence);
  const maxConcurrent = evidence.glue?.job?.maxConcurrentRuns;
  const job = evidence.glue?.run?.jobName ?? 'the job';
  const concurrency = [
    others.length > 0
      ? `${plural(others.length, 'other run')} of ${job} overlapped this one (${others
          .slice(0, 3)
          .map((o) => `${o.runId}${o.startedOn ? ` started ${o.startedOn}` : ''}`)
          .join(', ')})`
      : '',
    maxConcurrent !== undefined && maxConcurrent > 1 ? `the job allows ${maxConcurrent} concurrent runs` : '',
  ].filter(Boolean);
  const evidenceItems = [
    ...items(hits, 3),
    ...metric.map((s) => metricItem(s, 1)).filter((i): i is EvidenceItem => i !== undefined),
    ...others.slice(0, 3).map((o) => historyItem(evidence, o)),
    ...[bookmarkItem(evidence)].filter((i): i is EvidenceItem => i !== undefined),
  ];
  return {
    confidence: clamp(
      0.88 + (concurrency.length > 0 ? 0.05 : 0) + (hits.length > 0 && metric.length > 0 ? 0.02 : 0),
    ),
    severity: 'high',
    summary:
      `The run could not save its job bookmark: version mismatch (GLUE_JOB_BOOKMARK_VERSION_MISMATCH / VersionMismatchException).` +
      (concurrency.length > 0
        ? ` Concurrent runs of a bookmarked job race on the bookmark: ${concurrency.join('; ')}. Allow one run at a time (MaxConcurrentRuns 1).`
        : ' Another run of the job probably saved the bookmark in between: look for overlapping runs.') +
      ` Its state was not saved, so the next run may reprocess the same input. ${FIX} \`${resetCommand(evidence)}\` (printed, not run).`,
    evidence: evidenceItems,
  };
}

function emptyRead(evidence: Evidence): Match | null {
  const run = evidence.glue?.run;
  const option = optionOf(evidence);
  if (!run || !option || !ON.has(option)) return null;
  if (evidence.status?.failed) return null;
  const history = evidence.glue?.history ?? [];
  const current = history.find((h) => h.runId === run.runId);
  const filters = hitsOf(evidence, 'bookmark-filter');
  const finals = filters.filter((h) => h.groups.phase === 'final');
  const skips = hitsOf(evidence, 'bookmark-skip');
  const textEmpty =
    (finals.length > 0 && finals.every((h) => Number(h.groups.pct ?? '0') === 0)) ||
    (finals.length === 0 && skips.length > 0 && filters.every((h) => Number(h.groups.pct ?? '0') === 0));
  const currentRead = current ? readOf(current) : undefined;
  const metricEmpty = currentRead === 0;
  if (!metricEmpty && !textEmpty) return null;
  const start = current?.startedOn ?? run.startedOn ?? '';
  const earlier = history.filter((h) => h.runId !== run.runId && (h.startedOn ?? '') < start);
  const lastWithData = earlier.find((h) => h.state === 'SUCCEEDED' && (readOf(h) ?? 0) > 0);
  // Consecutive empty successful runs, newest first, ending at the last run that read data.
  const emptyStreak = [current, ...earlier]
    .filter((h): h is GlueRunHistoryEntry => h !== undefined)
    .filter((h) => h.state === 'SUCCEEDED' || h.runId === run.runId);
  let streak = 0;
  for (const h of emptyStreak) {
    if (h.runId !== run.runId && readOf(h) !== 0) break;
    streak += 1;
  }
  if (metricEmpty && !lastWithData && !textEmpty) return null;
  const confidence = clamp(
    (metricEmpty && lastWithData ? 0.78 : 0.6) + (textEmpty ? 0.06 : 0) + (streak > 1 ? 0.05 : 0),
  );
  const how = metricEmpty
    ? `read ${currentRead} ${current?.recordsRead !== undefined ? 'records' : 'bytes'}`
    : `filtered out every file (${finals.length > 0 ? `${plural(finals.length, 'final bookmark filter line')} at 0.00%` : `${plural(skips.length, 'partition')} skipped as having no new files`})`;
  const since = lastWithData
    ? ` The last run that read data was ${lastWithData.runId}${lastWithData.startedOn ? ` (${lastWithData.startedOn})` : ''}, which ${readText(lastWithData)}.`
    : '';
  const streakText = streak > 1 ? ` ${streak} successful runs in a row have read nothing.` : '';
  const evidenceItems: EvidenceItem[] = [
    ...(current ? [historyItem(evidence, current)] : []),
    ...(lastWithData ? [historyItem(evidence, lastWithData)] : []),
    ...[bookmarkItem(evidence)].filter((i): i is EvidenceItem => i !== undefined),
    ...items([...finals, ...skips], 3),
  ];
  if (evidenceItems.length === 0) return null;
  return {
    confidence,
    severity: streak > 1 || lastWithData ? 'high' : 'medium',
    summary:
      `Run ${run.runId} ${run.state === 'SUCCEEDED' ? 'SUCCEEDED' : `ended ${run.state}`} with bookmarks on (${option}) but ${how}.${since}${streakText}` +
      ` Either the bookmark skips new input (files rewritten in place or arriving with older timestamps, a bookmark moved past them) or no new input arrived: compare the newest input objects with the bookmark. ${FIX} \`${resetCommand(evidence)}\` (printed, not run).`,
    evidence: evidenceItems,
    alternatives: [
      {
        reading: 'stale-bookmark: the bookmark skips input that should be processed',
        confidence: clamp(confidence),
      },
      {
        reading: 'no new input arrived since the last run (healthy incremental run)',
        confidence: clamp(1 - confidence, 0.05),
      },
    ],
  };
}

function neverApplied(evidence: Evidence): Match | null {
  const run = evidence.glue?.run;
  const option = optionOf(evidence);
  const bookmark = evidence.glue?.bookmark;
  if (!run || !option || option !== 'job-bookmark-enable' || !bookmark) return null;
  const noState = bookmark.state === 'none';
  const noSources = bookmark.state === 'saved' && (bookmark.sources?.length ?? 0) === 0;
  if (!noState && !noSources) return null;
  const history = evidence.glue?.history ?? [];
  const succeeded = history.filter(
    (h) => h.state === 'SUCCEEDED' && h.runId !== run.runId && ON.has(runOption(evidence, h) ?? option),
  );
  if (succeeded.length === 0) return null;
  const reads = [...succeeded, ...history.filter((h) => h.runId === run.runId)]
    .map(readOf)
    .filter((r): r is number => r !== undefined && r > 0);
  const sorted = [...reads].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const rereads = reads.length >= 3 && reads.every((r) => Math.abs(r - median) <= median * 0.1);
  const job = run.jobName;
  const why = noState
    ? `no bookmark is saved for ${job} although ${plural(succeeded.length, 'earlier run')} SUCCEEDED with job-bookmark-enable: the script never calls job.commit() (or job.init)`
    : `the saved bookmark of ${job} holds no source: no read in the script has a transformation_ctx, so nothing is bookmarked`;
  return {
    confidence: clamp(0.66 + (rereads ? 0.12 : 0)),
    severity: rereads ? 'high' : 'medium',
    summary:
      `The job bookmark is never applied: ${why}.` +
      (rereads
        ? ` Each run rereads about the same input (${reads.length} runs around ${median} records or bytes), so downstream data is duplicated.`
        : '') +
      ` Fix the script: job.init(args["JOB_NAME"], args) at the start, job.commit() at the end, and a stable transformation_ctx on each bookmarked source; \`${resetCommand(evidence)}\` (printed, not run) starts the bookmark afresh once it is fixed.`,
    evidence: [
      ...[bookmarkItem(evidence)].filter((i): i is EvidenceItem => i !== undefined),
      ...succeeded.slice(0, 4).map((h) => historyItem(evidence, h)),
    ],
  };
}

/** Glue logs the option and the bookmark's run number when the job initialises. */
export const BOOKMARK_RUN: Signal = {
  id: 'bookmark-run',
  keywords: ['Job bookmark option'],
  pattern: /Job bookmark option: (?<option>job-bookmark-\w+), run (?<run>\d+)/,
};

/**
 * A bookmarked run past its first that still processes 100% of every partition's files: the bookmark
 * filters nothing, so each run rereads old data (missing transformation_ctx or job.commit()).
 */
function rereadFromLog(evidence: Evidence): Match | null {
  const runs = hitsOf(evidence, 'bookmark-run').filter((h) => ON.has(h.groups.option ?? ''));
  const bookmarkRun = Math.max(0, ...runs.map((h) => Number(h.groups.run ?? '0')));
  const finals = hitsOf(evidence, 'bookmark-filter').filter((h) => h.groups.phase === 'final');
  if (bookmarkRun <= 1 || finals.length < 2) return null;
  if (!finals.every((h) => Number(h.groups.pct ?? '0') >= 100)) return null;
  const files = finals.reduce((n, h) => n + Number(h.groups.files ?? '0'), 0);
  const job = evidence.glue?.run?.jobName ?? '<job-name>';
  return {
    confidence: 0.62,
    severity: 'medium',
    summary:
      `Bookmark run ${bookmarkRun} of a bookmarked job still processed 100% of the files in every partition (${files} files in ${plural(finals.length, 'partition')} shown): the bookmark filters nothing out, so earlier data is read again.` +
      ` Check the script: job.init(args["JOB_NAME"], args) at the start, job.commit() at the end, and a stable transformation_ctx on each bookmarked source; \`aws glue reset-job-bookmark --job-name ${job}\` (printed, not run) starts afresh once it is fixed.`,
    evidence: items([...runs.slice(0, 1), ...finals], 5),
    alternatives: [
      {
        reading: 'stale-bookmark: the bookmark is not applied and old data is reprocessed',
        confidence: 0.62,
      },
      { reading: 'the partitions shown are all new since the last run', confidence: 0.38 },
    ],
  };
}

export const staleBookmark: Matcher = {
  meta: {
    id: 'stale-bookmark',
    title: 'Job bookmark out of step with the data',
    severity: 'high',
    signals: [BOOKMARK_FILTER, BOOKMARK_SKIP, BOOKMARK_VERSION_MISMATCH, BOOKMARK_RUN],
    reportWhenSucceeded: true,
  },
  match(evidence) {
    return (
      versionMismatch(evidence) ?? emptyRead(evidence) ?? neverApplied(evidence) ?? rereadFromLog(evidence)
    );
  },
};
