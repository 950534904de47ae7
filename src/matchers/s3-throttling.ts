import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const s3Throttling: Matcher = {
  meta: {
    id: 's3-throttling',
    title: 'Amazon S3 throttled requests (503 Slow Down)',
    severity: 'medium',
    signals: [],
  },
  match() {
    return null;
  },
};
