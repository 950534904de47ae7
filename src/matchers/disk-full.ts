import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const diskFull: Matcher = {
  meta: {
    id: 'disk-full',
    title: 'Local disk filled up',
    severity: 'critical',
    signals: [],
  },
  match() {
    return null;
  },
};
