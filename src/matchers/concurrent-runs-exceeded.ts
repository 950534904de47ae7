import type { Matcher } from './types.js';
import { CONCURRENT_RUNS, FAILURE_MARKER, RUN_FAILED, RUN_SUCCEEDED } from './signals.js';
import { fromApi, isQuiet, items, levelOf, recoveredFrom, unique, withApiLines } from './support.js';

// `Concurrent runs exceeded for my-job`, moto's `Job with name my-job already running`.
const JOB = /(?:Concurrent runs exceeded for|concurrent runs exceeded for job) ["']?([\w.-]+)/i;
const OPERATION = /when calling the (\w+) operation/;

export const concurrentRunsExceeded: Matcher = {
  meta: {
    id: 'concurrent-runs-exceeded',
    title: 'Run refused: concurrent-run limit reached',
    severity: 'high',
    signals: [CONCURRENT_RUNS, FAILURE_MARKER, RUN_FAILED, RUN_SUCCEEDED],
  },
  match(evidence) {
    const hits = withApiLines(evidence, CONCURRENT_RUNS).filter((h) => !isQuiet(levelOf(h)));
    if (hits.length === 0 || recoveredFrom(evidence, hits)) return null;
    const jobName = unique(hits.map((h) => JOB.exec(h.text)?.[1]))[0] ?? evidence.glue?.job?.name;
    const operation = unique(hits.map((h) => OPERATION.exec(h.text)?.[1]))[0] ?? 'StartJobRun';
    const limit = evidence.glue?.job?.maxConcurrentRuns;
    const account = hits.some((h) => /per account|account/i.test(h.text));
    const official = hits.some(fromApi) || evidence.status?.failed === true;
    return {
      confidence: official ? 0.97 : 0.92,
      summary: `${operation} was refused: the ${account ? "account's" : "job's"} concurrent-run limit was reached${jobName ? ` for job ${jobName}` : ''}${limit !== undefined ? ` (MaxConcurrentRuns ${limit})` : ''}; the run never started.`,
      evidence: items(hits),
      vars: {
        ...(jobName ? { jobName } : {}),
        ...(limit !== undefined ? { maxConcurrentRuns: String(limit) } : {}),
      },
    };
  },
};
