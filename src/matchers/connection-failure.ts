import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const connectionFailure: Matcher = {
  meta: {
    id: 'connection-failure',
    title: 'Could not reach a data store or endpoint',
    severity: 'high',
    signals: [],
  },
  match() {
    return null;
  },
};
