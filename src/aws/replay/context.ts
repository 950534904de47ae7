import type { CallBook } from './calls.js';
import type { Fixture } from './fixture.js';
import type { PageSizes } from './page-sizes.js';
import type { S3Store } from './s3-store.js';

/** Everything a handler needs to answer from one fixture; one per running server. */
export interface ReplayContext {
  fixture: Fixture;
  calls: CallBook;
  pageSizes: PageSizes;
  /** For ARNs and bucket regions: the scenario's, else us-east-1. */
  region: string;
  /** For ARNs: the scenario's, else the documentation account. */
  account: string;
  s3: S3Store;
}

export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'us-east-1';
