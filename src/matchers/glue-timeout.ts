import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const glueTimeout: Matcher = {
  meta: {
    id: 'glue-timeout',
    title: 'Run hit its timeout',
    severity: 'high',
    signals: [],
  },
  match() {
    return null;
  },
};
