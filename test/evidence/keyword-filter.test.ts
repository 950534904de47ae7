import { describe, expect, it } from 'vitest';
import { KeywordFilter } from '../../src/evidence/keyword-filter.js';

describe('KeywordFilter', () => {
  const filter = new KeywordFilter(['OutOfMemoryError', 'exit code', 'he', 'she', 'hers']);

  it.each([
    ['a keyword inside a line', 'java.lang.OutOfMemoryError: Java heap space', true],
    ['another case', 'EXIT CODE 137', true],
    ['overlapping keywords (failure links)', 'ushers', true],
    ['a keyword at the very end', 'xxxxsh' + 'e', true],
    ['no keyword', 'INFO all good, nothing to see', false],
    ['a near miss', 'OutOfMemoryErro', false],
    ['non-ASCII text', 'Über naïve café — ✓', false],
  ])('%s', (_name, text, expected) => {
    expect(filter.test(text)).toBe(expected);
  });

  it('an empty filter matches nothing', () => {
    expect(new KeywordFilter([]).test('anything')).toBe(false);
  });

  it('rejects non-ASCII keywords', () => {
    expect(() => new KeywordFilter(['café'])).toThrow(/printable ASCII/);
  });
});

describe('KeywordFilter.groupsIn', () => {
  it('names every group with a keyword in the text', () => {
    const filter = new KeywordFilter([['OutOfMemoryError'], ['lost', 'FetchFailed'], ['137']]);
    expect([...filter.groupsIn('Lost executor 3: java.lang.OutOfMemoryError')].sort()).toEqual([0, 1]);
    expect([...filter.groupsIn('exit code 137')]).toEqual([2]);
    expect(filter.groupsIn('nothing here').size).toBe(0);
  });
});
