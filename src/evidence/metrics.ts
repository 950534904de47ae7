/** A CloudWatch metric series as evidence. Filled by the metrics fetcher (issue 4). */
export interface MetricSeries {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  stat: string;
  periodSec: number;
  /** [ISO timestamp, value], oldest first. */
  points: [string, number][];
}
