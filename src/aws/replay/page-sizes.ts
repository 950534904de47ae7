/**
 * Page sizes of the data the replay serves. They are deliberately small (AWS pages are far larger)
 * so that every fetcher's pagination is exercised by ordinary fixtures; a request asking for more
 * gets at most this many, as AWS caps its own pages.
 */
export interface PageSizes {
  /** GetLogEvents and FilterLogEvents events. */
  events: number;
  /** DescribeLogStreams streams. */
  streams: number;
  /** DescribeLogGroups groups. */
  groups: number;
  /** ListMetrics metrics. */
  metrics: number;
  /** GetMetricData datapoints, over all queries of a page. */
  datapoints: number;
  /** ListObjectsV2 / ListObjects keys plus common prefixes. */
  keys: number;
}

export const DEFAULT_PAGE_SIZES: Readonly<PageSizes> = {
  events: 50,
  streams: 5,
  groups: 5,
  metrics: 5,
  datapoints: 100,
  keys: 5,
};

/** One number overrides every kind, e.g. `ETL_DOCTOR_REPLAY_PAGE_SIZE=1000` to read a big fixture fast. */
export const PAGE_SIZE_ENV = 'ETL_DOCTOR_REPLAY_PAGE_SIZE';

export function resolvePageSizes(pageSize?: number, overrides: Partial<PageSizes> = {}): PageSizes {
  const uniform = validSize(pageSize) ?? validSize(Number(process.env[PAGE_SIZE_ENV] || NaN));
  const base: PageSizes = { ...DEFAULT_PAGE_SIZES };
  if (uniform !== undefined) for (const key of Object.keys(base) as (keyof PageSizes)[]) base[key] = uniform;
  for (const [key, value] of Object.entries(overrides) as [keyof PageSizes, number | undefined][]) {
    const size = validSize(value);
    if (size !== undefined) base[key] = size;
  }
  return base;
}

function validSize(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The page a request gets: what it asked for (when positive), never more than the replay's page. */
export function pageLimit(requested: unknown, max: number): number {
  return typeof requested === 'number' && Number.isInteger(requested) && requested > 0
    ? Math.min(requested, max)
    : max;
}
