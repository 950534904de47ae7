import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const invalidArgument: Matcher = {
  meta: {
    id: 'invalid-argument',
    title: 'Invalid or missing job parameters',
    severity: 'high',
    signals: [],
  },
  match() {
    return null;
  },
};
