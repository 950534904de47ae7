import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const crawlerOom: Matcher = {
  meta: {
    id: 'crawler-oom',
    title: 'Crawler ran out of memory or failed internally',
    severity: 'high',
    signals: [],
  },
  match() {
    return null;
  },
};
