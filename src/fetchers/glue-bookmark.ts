import { historyEntry } from './glue-job-run.js';
import {
  GetJobBookmarkCommand,
  GetJobRunsCommand,
  type JobBookmarkEntry,
  type JobRun,
} from '@aws-sdk/client-glue';
import type { AwsClients } from '../aws/clients.js';
import { isNotFound } from '../aws/errors.js';
import type { Evidence } from '../evidence/model.js';
import type { BookmarkFacts, BookmarkSource } from '../evidence/glue.js';
import type { SourceTracker } from './sources.js';

/**
 * The job bookmark side of a Glue run: the bookmark option in force, the saved bookmark
 * (GetJobBookmark; EntityNotFound when no run has committed one), and the job's recent runs when the
 * run fetcher did not already read them (bounded: a few pages, newest first).
 */

export const HISTORY_LIMIT = 30;
const HISTORY_PAGES = 3;

export function bookmarkOption(args: Record<string, string> | undefined): string {
  return args?.['--job-bookmark-option'] ?? 'job-bookmark-disable';
}

export function bookmarksOn(option: string | undefined): boolean {
  return option === 'job-bookmark-enable' || option === 'job-bookmark-pause';
}

/** The saved bookmark's sources: `{ "<transformation_ctx>": { "jsonClass": ..., "timestamps": {...} } }`. */
export function bookmarkSources(json: string | undefined): BookmarkSource[] {
  if (!json) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  if (!parsed || typeof parsed !== 'object') return [];
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([, v]) => v && typeof v === 'object')
    .map(([ctx, v]) => {
      const state = v as Record<string, unknown>;
      const values: Record<string, string> = {};
      for (const [k, value] of Object.entries(state)) {
        if (k === 'jsonClass') continue;
        if (value && typeof value === 'object') {
          for (const [k2, v2] of Object.entries(value as Record<string, unknown>)) {
            if (typeof v2 !== 'object') values[k2] = String(v2);
          }
        } else if (value !== undefined) {
          values[k] = String(value);
        }
      }
      return { ctx, ...(typeof state.jsonClass === 'string' ? { kind: state.jsonClass } : {}), values };
    });
}

function bookmarkFacts(option: string, entry: JobBookmarkEntry | undefined): BookmarkFacts {
  if (!entry) return { option, state: 'none' };
  return {
    option,
    state: 'saved',
    ...(entry.Version !== undefined ? { version: entry.Version } : {}),
    ...(entry.Run !== undefined ? { run: entry.Run } : {}),
    ...(entry.Attempt !== undefined ? { attempt: entry.Attempt } : {}),
    ...(entry.PreviousRunId ? { previousRunId: entry.PreviousRunId } : {}),
    ...(entry.RunId ? { runId: entry.RunId } : {}),
    ...(entry.JobBookmark ? { jobBookmark: entry.JobBookmark } : {}),
    sources: bookmarkSources(entry.JobBookmark),
  };
}

async function readHistory(clients: AwsClients, jobName: string): Promise<JobRun[]> {
  const runs: JobRun[] = [];
  let token: string | undefined;
  for (let page = 0; page < HISTORY_PAGES && runs.length < HISTORY_LIMIT; page++) {
    const out = await clients.glue.send(
      new GetJobRunsCommand({ JobName: jobName, MaxResults: 50, ...(token ? { NextToken: token } : {}) }),
    );
    runs.push(...(out.JobRuns ?? []));
    token = out.NextToken;
    if (!token) break;
  }
  return runs
    .sort((a, b) => (b.StartedOn?.getTime() ?? 0) - (a.StartedOn?.getTime() ?? 0))
    .slice(0, HISTORY_LIMIT);
}

/** Whether any recent run, the job or this run has bookmarks on: then the bookmark is worth reading. */
function anyBookmarked(evidence: Evidence): boolean {
  const option = bookmarkOption(evidence.glue?.run?.arguments);
  if (bookmarksOn(option)) return true;
  if (bookmarksOn(evidence.glue?.job?.defaultArguments['--job-bookmark-option'])) return true;
  return (evidence.glue?.history ?? []).some((h) => bookmarksOn(h.arguments?.['--job-bookmark-option']));
}

export async function fetchGlueHistory(
  clients: AwsClients,
  evidence: Evidence,
  tracker: SourceTracker,
): Promise<void> {
  const glue = evidence.glue;
  const jobName = glue?.run?.jobName;
  if (!glue || !jobName || glue.history) return;
  const runs = await tracker.read(
    'glue:GetJobRuns',
    () => readHistory(clients, jobName),
    (r) => ({ items: r.length, detail: `${r.length} recent runs of ${jobName}` }),
  );
  if (runs) glue.history = runs.map(historyEntry);
}

export async function fetchGlueBookmark(
  clients: AwsClients,
  evidence: Evidence,
  tracker: SourceTracker,
): Promise<void> {
  const glue = evidence.glue;
  const jobName = glue?.run?.jobName;
  if (!glue || !jobName) return;
  const option = bookmarkOption(glue.run?.arguments);
  if (!anyBookmarked(evidence)) {
    glue.bookmark = { option, state: 'unknown' };
    return;
  }
  const name = 'glue:GetJobBookmark';
  tracker.start(name);
  try {
    const out = await clients.glue.send(new GetJobBookmarkCommand({ JobName: jobName }));
    glue.bookmark = bookmarkFacts(option, out.JobBookmarkEntry);
    const b = glue.bookmark;
    tracker.ok(name, {
      detail: out.JobBookmarkEntry
        ? `version ${b.version ?? '?'}, run ${b.run ?? '?'}, last run ${b.runId ?? '?'}, ${b.sources?.length ?? 0} bookmarked sources`
        : 'no bookmark saved',
    });
  } catch (err) {
    if (isNotFound(err)) {
      glue.bookmark = bookmarkFacts(option, undefined);
      tracker.ok(name, {
        detail: `no bookmark saved for ${jobName}: no run has committed one (job.commit) yet`,
      });
      return;
    }
    glue.bookmark = { option, state: 'unknown' };
    tracker.failed(name, err);
  }
}
