import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const apiThrottling: Matcher = {
  meta: {
    id: 'api-throttling',
    title: 'An AWS API throttled calls',
    severity: 'medium',
    signals: [],
  },
  match() {
    return null;
  },
};
