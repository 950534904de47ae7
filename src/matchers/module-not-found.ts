import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const moduleNotFound: Matcher = {
  meta: {
    id: 'module-not-found',
    title: 'A dependency is missing',
    severity: 'high',
    signals: [],
  },
  match() {
    return null;
  },
};
