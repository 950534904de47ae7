import type { Matcher } from './types.js';

// Placeholder until its issue lands: registered so the registry and the meta test see every catalogue id.
export const amLaunchFailure: Matcher = {
  meta: {
    id: 'am-launch-failure',
    title: 'The ApplicationMaster or step process never started',
    severity: 'high',
    signals: [],
  },
  match() {
    return null;
  },
};
