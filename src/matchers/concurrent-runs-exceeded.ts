import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const concurrentRunsExceeded: Matcher = {
  meta: {
    id: 'concurrent-runs-exceeded',
    title: 'Run refused: concurrent runs limit reached',
    severity: 'medium',
    signals: [],
  },
  match() {
    return null;
  },
};
