import { describe, expect, it } from 'vitest';
import { clip, stripControl } from '../../src/util/sanitize.js';

describe('stripControl', () => {
  it.each([
    ['colour codes', '\u001b[31mERROR\u001b[0m boom', 'ERROR boom'],
    ['cursor movement and clear screen', 'a\u001b[2J\u001b[1;1Hb', 'ab'],
    ['an OSC title change ended by BEL', '\u001b]0;pwned\u0007text', 'text'],
    ['an OSC 8 hyperlink ended by ST', '\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['8-bit CSI', '\u009b31mred', 'red'],
    ['bell, backspace, carriage return', 'a\u0007b\bc\rd', 'abcd'],
    ['bidi overrides', 'safe\u202etxt.exe', 'safetxt.exe'],
  ])('removes %s', (_name, input, expected) => {
    expect(stripControl(input)).toBe(expected);
  });

  it('keeps tabs, newlines and ordinary unicode', () => {
    expect(stripControl('\tat x\nÜber – ok')).toBe('\tat x\nÜber – ok');
  });
});

describe('clip', () => {
  it('keeps short text as is and shortens long text around the focus', () => {
    expect(clip('short', 10)).toBe('short');
    const long = 'x'.repeat(1000) + 'NEEDLE' + 'y'.repeat(1000);
    const out = clip(long, 100, 1000);
    expect(out).toContain('NEEDLE');
    expect(out.length).toBeLessThanOrEqual(102);
  });
});
