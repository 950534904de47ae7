import { describe, expect, it } from 'vitest';
import type { Matcher } from '../../src/matchers/types.js';
import { evidenceFrom, type TextCase } from '../helpers/evidence.js';

export interface PositiveCase extends TextCase {
  name: string;
  /** The match must be at least this confident. */
  minConfidence?: number;
  /** Substrings the summary must contain (data, not prose: ids, sizes, container ids). */
  summaryHas?: string[];
  vars?: Record<string, string>;
  /** The top alternative reading must start with this. */
  topReading?: string;
}

export interface NegativeCase extends TextCase {
  name: string;
}

/** ESLint-style rule tests: cases that must report, and cases that must not. */
export function matcherCases(
  matcher: Matcher,
  cases: { positive: PositiveCase[]; negative: NegativeCase[] },
) {
  describe(matcher.meta.id, () => {
    it.each(cases.positive)('reports: $name', (c) => {
      const match = matcher.match(evidenceFrom(c));
      expect(match, 'expected a match').not.toBeNull();
      expect(match!.evidence.length).toBeGreaterThan(0);
      if (c.minConfidence !== undefined) expect(match!.confidence).toBeGreaterThanOrEqual(c.minConfidence);
      for (const s of c.summaryHas ?? []) expect(match!.summary).toContain(s);
      if (c.vars) expect(match!.vars).toMatchObject(c.vars);
      if (c.topReading) expect(match!.alternatives?.[0]?.reading.startsWith(c.topReading)).toBe(true);
    });
    it.each(cases.negative)('stays quiet: $name', (c) => {
      expect(matcher.match(evidenceFrom(c))).toBeNull();
    });
  });
}
