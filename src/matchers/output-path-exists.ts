import type { LogHit } from '../evidence/model.js';
import type { Matcher } from './types.js';
import { FAILURE_MARKER, OUTPUT_EXISTS, RUN_FAILED, RUN_SUCCEEDED } from './signals.js';
import {
  bucketOf,
  clamp,
  cleanPath,
  fromApi,
  isQuiet,
  items,
  levelOf,
  recoveredFrom,
  runOutcome,
  unique,
  withApiLines,
} from './support.js';

const PATHS: RegExp[] = [
  /Output directory (\S+) already exists/,
  /\[PATH_ALREADY_EXISTS\] [Pp]ath (\S+) already exists/,
  /\b[Pp]ath (\S+) already exists/,
  /FileAlreadyExistsException:\s*(?:File already exists:?\s*)?((?:s3[an]?:\/\/|hdfs:\/\/|file:|\/)\S+)/,
  /((?:s3[an]?:\/\/|hdfs:\/\/)\S+?):? (?:File )?already exists/,
];
// A retried task attempt colliding with the file its failed first attempt left behind.
const TASK_ATTEMPT =
  /Lost task \d+\.([1-9]\d*)|most recent failure: Lost task \d+\.([1-9]\d*)|Exception in task \d+\.([1-9]\d*)/;
const TASK_CONTEXT = /Lost task|Exception in task|Executor task launch worker|\(TID \d+\)|Task \d+ in stage/;
const TASK_FILE = /\/part-[\w.-]+$|\/_temporary\/|attempt_\d+|\.(?:parquet|orc|avro|csv|json|gz|snappy)$/;
// The driver checking the output before any task: the job-level refusal.
const JOB_LEVEL =
  /Output directory \S+ already exists|[Pp]ath \S+ already exists\.|PATH_ALREADY_EXISTS|checkOutputSpecs|User class threw exception|ErrorIfExists|Error Launching job/;

function pathIn(text: string): string | undefined {
  for (const re of PATHS) {
    const m = re.exec(text);
    if (m?.[1]) return cleanPath(m[1]);
  }
  return undefined;
}

function isTaskAttempt(hit: LogHit, path: string | undefined): boolean {
  const own = [...hit.before.slice(-2), hit.text].join('\n');
  if (JOB_LEVEL.test(hit.text) && !TASK_CONTEXT.test(hit.text)) return false;
  return TASK_ATTEMPT.test(own) || TASK_CONTEXT.test(own) || (path !== undefined && TASK_FILE.test(path));
}

export const outputPathExists: Matcher = {
  meta: {
    id: 'output-path-exists',
    title: 'Output location already exists',
    severity: 'high',
    signals: [OUTPUT_EXISTS, FAILURE_MARKER, RUN_FAILED, RUN_SUCCEEDED],
  },
  match(evidence) {
    const hits = withApiLines(evidence, OUTPUT_EXISTS).filter((h) => !isQuiet(levelOf(h)) || fromApi(h));
    if (hits.length === 0 || recoveredFrom(evidence, hits)) return null;
    const read = hits.map((hit) => {
      const path = pathIn(hit.text) ?? pathIn(hit.after.slice(0, 2).join('\n'));
      return { hit, path, task: isTaskAttempt(hit, path) };
    });
    const outcome = runOutcome(evidence);
    // A warning that a path exists (a library checking before it writes) is not the refusal itself.
    const refusals = read.filter((r) => !r.task && (fromApi(r.hit) || levelOf(r.hit) !== 'warn'));
    const warned = read.filter((r) => !r.task && !refusals.includes(r));
    const jobLevel = refusals.length > 0 ? refusals : outcome.failed ? warned : [];

    if (jobLevel.length > 0) {
      const path = unique(jobLevel.map((r) => r.path))[0];
      const bucket = bucketOf(path);
      return {
        confidence: clamp(
          refusals.length === 0
            ? 0.5
            : jobLevel.some((r) => fromApi(r.hit))
              ? 0.97
              : outcome.failed
                ? 0.95
                : 0.88,
        ),
        summary: `The output location ${path ?? '(path not named)'} already exists and the write refuses to overwrite it (save mode "error if exists").`,
        evidence: items(jobLevel.map((r) => r.hit)),
        vars: { ...(path ? { path } : {}), ...(bucket ? { bucket } : {}) },
      };
    }
    // Only retried task attempts collided with files: an effect of an earlier attempt's failure.
    if (!outcome.failed) return null;
    const path = unique(read.map((r) => r.path))[0];
    return {
      confidence: 0.4,
      summary: `A retried task attempt found ${path ?? 'its output file'} already written by an earlier attempt of the same task; the earlier attempt's failure is the likelier cause.`,
      evidence: items(read.map((r) => r.hit)),
      vars: path ? { path } : {},
      alternatives: [
        {
          reading:
            'an earlier attempt of the task failed (lost executor, OOM) and left its file; the retry collided with it',
          confidence: 0.6,
        },
        {
          reading:
            'output-path-exists: two writers (speculative tasks or concurrent runs) target the same files',
          confidence: 0.4,
        },
      ],
    };
  },
};
