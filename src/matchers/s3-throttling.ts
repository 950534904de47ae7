import type { LogHit } from '../evidence/model.js';
import type { Matcher } from './types.js';
import { FAILURE_MARKER, RETRY, RUN_FAILED, RUN_SUCCEEDED, S3_SLOW_DOWN } from './signals.js';
import {
  around,
  bucketOf,
  clamp,
  countOf,
  fromApi,
  isQuiet,
  items,
  levelOf,
  listed,
  plural,
  recoveredFrom,
  retriedNear,
  retriesExhausted,
  runOutcome,
  s3UrisIn,
  unique,
  withApiLines,
  withHeader,
} from './support.js';

// "Slow Down" is S3's word only when S3 said it: a 503, an S3 exception or an S3 URI around it.
const S3_CONTEXT =
  /\b503\b|Amazon ?S3|AmazonS3Exception|S3Exception|s3[an]?:\/\/|Error Code: SlowDown|\(SlowDown\)|request rate|AWSServiceThrottled|\bS3\b/;
const OPERATION =
  /AmazonS3Client\.(\w+)|S3Client\.(\w+)|when calling the (\w+) operation|\b(PUT|GET|HEAD|DELETE|LIST) (?:request|object)/i;
// The failure that ended the run names the throttling as its reason.
const FATAL =
  /Job aborted due to stage failure|failed \d+ times|aborting job|Py4JJavaError|Exception in thread "main"|User class threw exception|Traceback/;

const TASK_FAILURE = /Lost task|Exception in task|Aborting task|Task failed|Error while writing|Job aborted/;

function s3Hits(evidence: Parameters<Matcher['match']>[0]): LogHit[] {
  return withApiLines(evidence, S3_SLOW_DOWN).filter(
    (h) => S3_CONTEXT.test(around(h)) && !isQuiet(levelOf(h)),
  );
}

export const s3Throttling: Matcher = {
  meta: {
    id: 's3-throttling',
    title: 'Amazon S3 throttled requests (503 Slow Down)',
    severity: 'high',
    signals: [S3_SLOW_DOWN, RETRY, FAILURE_MARKER, RUN_FAILED, RUN_SUCCEEDED],
    explains: ['glue-timeout', 'executor-lost'],
  },
  match(evidence) {
    const hits = s3Hits(evidence);
    if (hits.length === 0) return null;
    if (recoveredFrom(evidence, hits)) return null;
    const outcome = runOutcome(evidence);
    const fatalHits = hits.filter((h) => fromApi(h) || FATAL.test(withHeader(h)) || retriesExhausted(h.text));
    const failureNamesIt = outcome.failures.some((f) =>
      /Slow ?Down|reduce your request rate/.test(around(f)),
    );
    const retried = hits.some((h) => retriedNear(evidence, h));
    const taskFailures = hits.filter((h) => TASK_FAILURE.test(withHeader(h)));
    const count = countOf(evidence, 's3-slow-down');

    const uris = unique(hits.flatMap((h) => s3UrisIn(around(h))));
    const bucket = unique([...uris.map(bucketOf)])[0];
    const operations = unique(
      hits.flatMap((h) => {
        const m = OPERATION.exec(around(h));
        return m ? [(m[1] ?? m[2] ?? m[3] ?? m[4])!] : [];
      }),
    );
    const what = `${plural(count, 'S3 503 Slow Down response')}${operations.length > 0 ? ` to ${listed(operations)}` : ''}${bucket ? ` on bucket ${bucket}` : ''}${uris[0] ? ` (e.g. ${uris[0]})` : ''}`;

    let confidence: number;
    let summary: string;
    let alternatives;
    if (fatalHits.length > 0 || failureNamesIt) {
      confidence = clamp(0.9 + Math.min(count, 10) * 0.005);
      summary = `${what}; the failure that ended the run names it, so S3 request-rate throttling on one prefix is the cause.`;
    } else if (taskFailures.length > 0 && !retried) {
      confidence = outcome.failed ? 0.8 : 0.72;
      summary = `${what}; tasks failed with it (${plural(taskFailures.length, 'task failure')} kept as evidence).`;
    } else if (outcome.failed) {
      confidence = 0.7;
      summary = `${what} before the run failed; the final error does not name throttling, so it may have slowed the run rather than failed it.`;
      alternatives = [
        { reading: 's3-throttling: retries on 503 Slow Down exhausted or slowed the run', confidence: 0.6 },
        { reading: 'another failure ended the run; the throttling was recovered from', confidence: 0.4 },
      ];
    } else {
      confidence = retried ? 0.4 : 0.55;
      summary = `${what}${retried ? ', retried' : ''}; nothing shows the run failing because of it.`;
    }
    return {
      confidence,
      summary,
      evidence: items([...fatalHits, ...hits]),
      vars: bucket ? { bucket } : {},
      ...(alternatives ? { alternatives } : {}),
    };
  },
};
