/**
 * A multi-keyword prefilter (Aho-Corasick over ASCII, case-folded): one pass over a chunk answers
 * "could any signal match here?". V8 runs large regex alternations at tens of MB/s; this runs at
 * hundreds, and most chunks of a log contain no keyword at all.
 */
export class KeywordFilter {
  private readonly next: Int32Array;
  private readonly output: Uint8Array;
  /** For each state, the groups whose keywords end there (failure links included). */
  private readonly owners: number[][];
  readonly size: number;

  /** `groups[i]` are the keywords of group i (a signal); `groupsIn` reports group indices. */
  constructor(groups: readonly (readonly string[])[] | readonly string[]) {
    const lists = groups.map((g) => (typeof g === 'string' ? [g] : g));
    const entries = lists.flatMap((list, owner) => list.map((k) => ({ word: k.toLowerCase(), owner })));
    for (const { word } of entries) {
      if (/[^\x20-\x7e]/.test(word)) throw new Error(`keyword "${word}" must be printable ASCII`);
    }
    // Trie with 128 slots per state; filled into a full automaton below.
    const goto: number[][] = [new Array<number>(128).fill(-1)];
    const out: number[][] = [[]];
    for (const { word: w, owner } of entries) {
      if (w.length === 0) continue;
      let s = 0;
      for (const ch of w) {
        const c = ch.charCodeAt(0);
        let t = goto[s]![c]!;
        if (t < 0) {
          t = goto.length;
          goto.push(new Array<number>(128).fill(-1));
          out.push([]);
          goto[s]![c] = t;
        }
        s = t;
      }
      if (!out[s]!.includes(owner)) out[s]!.push(owner);
    }
    this.size = goto.length;
    this.next = new Int32Array(goto.length * 128);
    this.output = new Uint8Array(goto.length);
    this.owners = out;
    const fail = new Int32Array(goto.length);
    const queue: number[] = [];
    for (let c = 0; c < 128; c++) {
      const t = goto[0]![c]!;
      this.next[c] = t < 0 ? 0 : t;
      if (t > 0) queue.push(t);
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      // States are visited breadth first, so the failure target's owners are already complete.
      this.owners[s] = [...new Set([...out[s]!, ...this.owners[fail[s]!]!])];
      this.output[s] = this.owners[s]!.length > 0 ? 1 : 0;
      for (let c = 0; c < 128; c++) {
        const t = goto[s]![c]!;
        if (t < 0) {
          this.next[s * 128 + c] = this.next[fail[s]! * 128 + c]!;
        } else {
          fail[t] = this.next[fail[s]! * 128 + c]!;
          this.next[s * 128 + c] = t;
          queue.push(t);
        }
      }
    }
  }

  /** True when any keyword occurs in the text (ASCII letters compared without case). */
  test(text: string): boolean {
    return this.firstMatch(text) >= 0;
  }

  /** Index of the last character of the first keyword found at or after `from`, or -1. */
  firstMatch(text: string, from = 0): number {
    if (this.size === 1) return -1;
    const next = this.next;
    const output = this.output;
    let s = 0;
    for (let i = from; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) c |= 0x20;
      else if (c >= 128) c = 0;
      s = next[(s << 7) | c]!;
      if (output[s] === 1) return i;
    }
    return -1;
  }

  /** The groups with at least one keyword in the text. */
  groupsIn(text: string): Set<number> {
    const found = new Set<number>();
    if (this.size === 1) return found;
    const next = this.next;
    const output = this.output;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) c |= 0x20;
      else if (c >= 128) c = 0;
      s = next[(s << 7) | c]!;
      if (output[s] === 1) for (const g of this.owners[s]!) found.add(g);
    }
    return found;
  }
}
