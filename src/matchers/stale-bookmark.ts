import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const staleBookmark: Matcher = {
  meta: {
    id: 'stale-bookmark',
    title: 'Job bookmark out of step with the data',
    severity: 'high',
    signals: [],
  },
  match() {
    return null;
  },
};
