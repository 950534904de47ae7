import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../src/engine/diagnose.js';
import { collectEvidence } from '../src/fetchers/index.js';
import { ROOT } from './helpers/cli.js';

interface Entry {
  id: string;
  file: string;
  label: string;
}

/**
 * The labelled corpus of real failure text (corpus/index.json), in-process: the same gate as
 * `npm run accuracy`, so a matcher change that costs accuracy or raises a false alarm fails the build.
 */
describe('accuracy on the labelled corpus', () => {
  const entries = JSON.parse(readFileSync(join(ROOT, 'corpus', 'index.json'), 'utf8')) as Entry[];

  it('meets the target: top-1 at least 0.95 and no false alarm on healthy excerpts', async () => {
    const misses: string[] = [];
    let correct = 0;
    let falseAlarms = 0;
    for (const entry of entries) {
      const evidence = await collectEvidence({
        kind: 'log-files',
        paths: [join(ROOT, 'corpus', entry.file)],
      });
      const report = diagnose(evidence);
      const top = report.findings[0]?.symptom ?? 'none';
      const ok = entry.label === 'none' ? report.outcome === 'no-problem' : top === entry.label;
      if (ok) correct += 1;
      else misses.push(`${entry.id}: expected ${entry.label}, got ${top}`);
      if (entry.label === 'none' && report.findings.length > 0) falseAlarms += 1;
    }
    expect(entries.length).toBeGreaterThanOrEqual(60);
    expect(falseAlarms, misses.join('\n')).toBe(0);
    expect(correct / entries.length, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});
