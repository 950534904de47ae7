import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const inputPathMissing: Matcher = {
  meta: {
    id: 'input-path-missing',
    title: 'Input path does not exist',
    severity: 'high',
    signals: [],
  },
  match() {
    return null;
  },
};
