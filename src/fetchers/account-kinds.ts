/** The kinds of item `triage` lists; kept apart from the listing code so the CLI starts without the SDK. */
export const ITEM_KINDS = ['glue-job', 'crawler', 'emr-step'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Problem runs listed per Glue job by default. */
export const DEFAULT_PER_JOB = 3;
