/**
 * CloudWatch statistics over the raw points of one period: the five basic statistics and
 * percentiles `pNN` / `pNN.N` (nearest rank; CloudWatch's own are estimates, so a test should not
 * depend on interpolation details).
 */
const BASIC: Record<string, (values: number[]) => number> = {
  Average: (values) => sum(values) / values.length,
  Sum: sum,
  Minimum: (values) => Math.min(...values),
  Maximum: (values) => Math.max(...values),
  SampleCount: (values) => values.length,
};

const PERCENTILE = /^p(\d{1,2}(?:\.\d+)?|100)$/;

export function isSupportedStat(stat: string): boolean {
  return stat in BASIC || PERCENTILE.test(stat);
}

/** The statistic of a non-empty set of values; the caller checked isSupportedStat. */
export function computeStat(stat: string, values: number[]): number {
  const basic = BASIC[stat];
  if (basic) return basic(values);
  const percentile = Number(PERCENTILE.exec(stat)?.[1]);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
