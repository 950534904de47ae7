import type { SymptomId } from '../catalogue.js';
import type { Matcher, Signal } from './types.js';
import { executorOom } from './executor-oom.js';
import { driverOom } from './driver-oom.js';
import { maxResultSize } from './max-result-size.js';
import { containerKilled137 } from './container-killed-137.js';
import { yarnMemoryOverhead } from './yarn-memory-overhead.js';
import { executorLost } from './executor-lost.js';
import { unclassifiedFailure } from './unclassified-failure.js';
import { diskFull } from './disk-full.js';
import { hdfsQuotaExceeded } from './hdfs-quota-exceeded.js';
import { dataSkew } from './data-skew.js';
import { s3Throttling } from './s3-throttling.js';
import { apiThrottling } from './api-throttling.js';
import { staleBookmark } from './stale-bookmark.js';
import { concurrentRunsExceeded } from './concurrent-runs-exceeded.js';
import { glueTimeout } from './glue-timeout.js';
import { moduleNotFound } from './module-not-found.js';
import { invalidArgument } from './invalid-argument.js';
import { accessDenied } from './access-denied.js';
import { connectionFailure } from './connection-failure.js';
import { crawlerDuplicateTables } from './crawler-duplicate-tables.js';
import { crawlerOom } from './crawler-oom.js';
import { amLaunchFailure } from './am-launch-failure.js';
import { outputPathExists } from './output-path-exists.js';
import { inputPathMissing } from './input-path-missing.js';

/** The registry: one matcher per catalogue id, each in `src/matchers/<id>.ts`. */
export const MATCHERS: readonly Matcher[] = [
  executorOom,
  driverOom,
  maxResultSize,
  containerKilled137,
  yarnMemoryOverhead,
  executorLost,
  diskFull,
  hdfsQuotaExceeded,
  dataSkew,
  s3Throttling,
  apiThrottling,
  staleBookmark,
  concurrentRunsExceeded,
  glueTimeout,
  moduleNotFound,
  invalidArgument,
  accessDenied,
  connectionFailure,
  crawlerDuplicateTables,
  crawlerOom,
  amLaunchFailure,
  outputPathExists,
  inputPathMissing,
  unclassifiedFailure,
];

export function matcherFor(id: SymptomId): Matcher | undefined {
  return MATCHERS.find((m) => m.meta.id === id);
}

/** Every signal any matcher reads, once each: what the log scanner looks for. */
export function allSignals(): Signal[] {
  const byId = new Map<string, Signal>();
  for (const m of MATCHERS) for (const s of m.meta.signals) byId.set(s.id, s);
  return [...byId.values()];
}
