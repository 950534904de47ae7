import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const accessDenied: Matcher = {
  meta: {
    id: 'access-denied',
    title: 'Access denied',
    severity: 'high',
    signals: [],
  },
  match() {
    return null;
  },
};
