import type { Matcher } from './types.js';
import { hitsOf, items } from './support.js';

export const maxResultSize: Matcher = {
  meta: {
    id: 'max-result-size',
    title: 'Task results exceeded spark.driver.maxResultSize',
    severity: 'high',
    signals: [
      {
        id: 'max-result-size',
        pattern:
          /Total size of serialized results of (?<tasks>\d+) tasks \((?<size>[^)]+)\) is bigger than (?:spark\.driver\.)?maxResultSize(?: \((?<limit>[^)]+)\))?/,
        keywords: ['Total size of serialized results'],
      },
    ],
  },
  match(evidence) {
    const hits = hitsOf(evidence, 'max-result-size');
    const first = hits[0];
    if (!first) return null;
    const { tasks, size, limit } = first.groups;
    return {
      confidence: 0.95,
      summary: `The serialized results of ${tasks ?? 'many'} tasks (${size ?? '?'}) were larger than spark.driver.maxResultSize${limit ? ` (${limit})` : ''}, so Spark aborted the job before the driver ran out of memory.`,
      evidence: items(hits),
    };
  },
};
