import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SYMPTOM_IDS } from '../src/catalogue.js';
import { MATCHERS } from '../src/matchers/index.js';
import { loadPlaybooks } from '../src/playbooks/load.js';

/** Like ESLint's "every rule has a test and a doc page": every catalogue id is fully covered. */
describe('catalogue coverage', () => {
  const playbooks = loadPlaybooks();
  const catalogue = readFileSync(new URL('../../shared/spec/catalogue.md', import.meta.url), 'utf8');

  it('src/catalogue.ts lists exactly the ids of shared/spec/catalogue.md', () => {
    const specIds = [...catalogue.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect([...SYMPTOM_IDS].sort()).toEqual(specIds.sort());
  });

  it('the registry has one matcher per id, in src/matchers/<id>.ts', () => {
    const files = readdirSync(new URL('../src/matchers/', import.meta.url)).filter((f) => f.endsWith('.ts'));
    const ids = MATCHERS.map((m) => m.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of SYMPTOM_IDS) {
      expect(ids, `matcher for ${id}`).toContain(id);
      expect(files, `src/matchers/${id}.ts`).toContain(`${id}.ts`);
    }
  });

  it.each([...SYMPTOM_IDS])('%s has a playbook with every section and at least one fix', (id) => {
    const playbook = playbooks.get(id);
    expect(playbook, `playbooks/${id}.md`).toBeDefined();
    for (const section of ['meaning', 'impact', 'diagnosis'] as const)
      expect(playbook![section].length).toBeGreaterThan(20);
    expect(playbook!.fixes.length).toBeGreaterThan(0);
  });

  it.each([...SYMPTOM_IDS])('%s has matcher tests with positive and negative cases', (id) => {
    const file = new URL(`./matchers/${id}.test.ts`, import.meta.url);
    expect(existsSync(file), `test/matchers/${id}.test.ts`).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/positive:\s*\[\s*\{/);
    expect(text).toMatch(/negative:\s*\[\s*\{/);
  });

  it('every signal declares keywords, so the scanner can skip text with its fast prefilter', () => {
    const missing = MATCHERS.flatMap((m) =>
      m.meta.signals.filter((s) => !s.keywords?.length).map((s) => `${m.meta.id}/${s.id}`),
    );
    expect(missing).toEqual([]);
  });
});
