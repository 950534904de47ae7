import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const dataSkew: Matcher = {
  meta: {
    id: 'data-skew',
    title: 'Data skew: a few tasks carry most of the work',
    severity: 'high',
    signals: [],
  },
  match() {
    return null;
  },
};
