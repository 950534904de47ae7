import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const hdfsQuotaExceeded: Matcher = {
  meta: {
    id: 'hdfs-quota-exceeded',
    title: 'HDFS quota exceeded',
    severity: 'high',
    signals: [],
  },
  match() {
    return null;
  },
};
