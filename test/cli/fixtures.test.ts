import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

interface Expect {
  outcome?: string;
  top?: string;
  also?: string[];
}

const FIXTURES = join(ROOT, 'fixtures');
const scenarios = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, 'scenario.json')))
  .map((d) => d.name)
  .sort();

const EXIT: Record<string, number> = { problem: 1, 'no-problem': 0, 'error-diagnosing': 2 };

/** Every bundled fixture, through the built CLI and the replay endpoint, meets its scenario's expect. */
describe('fixtures through the built CLI', () => {
  it('there are fixtures', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
  });

  it.each(scenarios)('%s', (name) => {
    const dir = join('fixtures', name);
    const scenario = JSON.parse(readFileSync(join(FIXTURES, name, 'scenario.json'), 'utf8')) as {
      expect?: Expect;
    };
    const result = runCli(['diagnose', '--replay', dir, '--format', 'json']);
    expect(result.stderr, 'stderr').not.toMatch(/internal error|\n\s+at /);
    const report = JSON.parse(result.stdout) as {
      outcome: string;
      findings: { symptom: string }[];
      sources: unknown[];
    };
    const want = scenario.expect ?? {};
    const got = { outcome: report.outcome, symptoms: report.findings.map((f) => f.symptom) };
    if (want.outcome) expect(got.outcome).toBe(want.outcome);
    if (want.top) expect(got.symptoms[0]).toBe(want.top);
    for (const also of want.also ?? []) expect(got.symptoms).toContain(also);
    expect(result.status).toBe(EXIT[report.outcome]);
    expect(report.sources.length).toBeGreaterThan(0);
  });
});
