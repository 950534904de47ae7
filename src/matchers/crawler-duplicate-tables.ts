import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const crawlerDuplicateTables: Matcher = {
  meta: {
    id: 'crawler-duplicate-tables',
    title: 'Crawler made several tables where one was intended',
    severity: 'medium',
    signals: [],
  },
  match() {
    return null;
  },
};
