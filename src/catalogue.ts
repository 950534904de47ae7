/** The symptom ids of ../shared/spec/catalogue.md: a public contract, never renamed. */
export const SYMPTOM_IDS = [
  'executor-oom',
  'driver-oom',
  'max-result-size',
  'container-killed-137',
  'yarn-memory-overhead',
  'disk-full',
  'hdfs-quota-exceeded',
  'data-skew',
  'executor-lost',
  's3-throttling',
  'api-throttling',
  'stale-bookmark',
  'concurrent-runs-exceeded',
  'glue-timeout',
  'module-not-found',
  'invalid-argument',
  'access-denied',
  'connection-failure',
  'crawler-duplicate-tables',
  'crawler-oom',
  'am-launch-failure',
  'output-path-exists',
  'input-path-missing',
  'unclassified-failure',
] as const;

export type SymptomId = (typeof SYMPTOM_IDS)[number];

export function isSymptomId(value: string): value is SymptomId {
  return (SYMPTOM_IDS as readonly string[]).includes(value);
}

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
