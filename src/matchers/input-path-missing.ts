import type { Matcher } from './types.js';
import { FAILURE_MARKER, INPUT_MISSING, PATHS_LISTED, RUN_FAILED, RUN_SUCCEEDED } from './signals.js';
import {
  around,
  bucketOf,
  clamp,
  cleanPath,
  fromApi,
  hitsOf,
  isAfter,
  isQuiet,
  items,
  levelOf,
  listed,
  recoveredFrom,
  runOutcome,
  s3UrisIn,
  unique,
  withApiLines,
} from './support.js';

const PATHS: RegExp[] = [
  /Input path does not exist: (\S+)/,
  /Input Pattern (\S+) matches 0 files/,
  /Path does not exist: (\S+)/,
  /No such file or directory:? ['"]?(s3[an]?:\/\/[^\s'"]+)/,
  /File does not exist: (\S+)/,
  /File (\S+) does not exist/,
];
const NO_SUCH_KEY = /NoSuchKey|specified key does not exist/;
const NO_SUCH_BUCKET = /NoSuchBucket|specified bucket does not exist/;
const BUCKET_NAME = /BucketName>?\s*[:=]?\s*([\w.-]+)|bucket[:= ]+['"]?([a-z0-9][\w.-]{2,62})/i;

function pathIn(text: string): string | undefined {
  for (const re of PATHS) {
    const m = re.exec(text);
    if (m?.[1]) return cleanPath(m[1].replace(/^u?'/, ''));
  }
  return undefined;
}

export const inputPathMissing: Matcher = {
  meta: {
    id: 'input-path-missing',
    title: 'Input path does not exist',
    severity: 'high',
    signals: [INPUT_MISSING, PATHS_LISTED, FAILURE_MARKER, RUN_FAILED, RUN_SUCCEEDED],
    explains: ['am-launch-failure'],
  },
  match(evidence) {
    const failures = runOutcome(evidence).failures;
    const listings = hitsOf(evidence, 'paths-listed');
    const hits = withApiLines(evidence, INPUT_MISSING).filter((h) => {
      if (fromApi(h)) return true;
      const level = levelOf(h);
      if (isQuiet(level)) return false;
      // Reported missing, then listed and found (a glob that matched later, a retried listing).
      const foundLater = listings.some((l) => isAfter(h, l) && !failures.some((f) => isAfter(l, f)));
      if (foundLater) return false;
      return !(level === 'warn' && NO_SUCH_KEY.test(h.text));
    });
    if (hits.length === 0 || recoveredFrom(evidence, hits)) return null;
    const outcome = runOutcome(evidence);
    const strong = hits.filter((h) => fromApi(h) || levelOf(h) !== 'warn');
    const pool = strong.length > 0 ? strong : hits;
    const paths = unique(
      pool.map((h) => pathIn(h.text) ?? (NO_SUCH_KEY.test(h.text) ? s3UrisIn(around(h))[0] : undefined)),
    );
    const bucketOnly = pool.some((h) => NO_SUCH_BUCKET.test(h.text));
    const missingBucket = bucketOnly
      ? unique(
          pool.map(
            (h) => bucketOf(s3UrisIn(around(h))[0]) ?? BUCKET_NAME.exec(h.text)?.slice(1).find(Boolean),
          ),
        )[0]
      : undefined;
    const path = paths[0];
    const glob = path !== undefined && /[*?{[]/.test(path);
    const keyOnly = pool.every((h) => NO_SUCH_KEY.test(h.text));

    let confidence: number;
    if (pool.some(fromApi)) confidence = 0.96;
    else if (strong.length > 0) confidence = (outcome.failed ? 0.92 : 0.85) - (keyOnly ? 0.15 : 0);
    else confidence = outcome.failed ? 0.5 : 0.4;
    const what = missingBucket
      ? `The bucket ${missingBucket} does not exist`
      : paths.length > 0
        ? `The input ${listed(paths)} ${paths.length > 1 ? 'do' : 'does'} not exist${glob ? ' (the pattern matched no files)' : ''}`
        : keyOnly
          ? 'An S3 object the job reads does not exist (NoSuchKey)'
          : 'An input path does not exist';
    const bucket = missingBucket ?? bucketOf(path);
    return {
      confidence: clamp(confidence),
      summary: `${what}; the read failed before processing any data from it.${strong.length === 0 ? ' Only warnings show it.' : ''}`,
      evidence: items(pool),
      vars: { ...(path ? { path } : {}), ...(bucket ? { bucket } : {}) },
    };
  },
};
