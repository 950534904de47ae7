import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const outputPathExists: Matcher = {
  meta: {
    id: 'output-path-exists',
    title: 'Output path already exists',
    severity: 'medium',
    signals: [],
  },
  match() {
    return null;
  },
};
