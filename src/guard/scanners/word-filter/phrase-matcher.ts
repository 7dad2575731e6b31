/**
 * Finds word sequences in a token list in one pass: phrases are indexed by their first token, so each text token
 * costs one Map lookup. Callers normalise tokens (lower case, stems…) the same way for phrases and text.
 */
export interface PhraseMatch<T> {
  /** Index of the first matching token. */
  first: number;
  /** Index of the last matching token (inclusive). */
  last: number;
  payload: T;
}

export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, { rest: readonly string[]; payload: T }[]>();
  private count = 0;

  add(tokens: readonly string[], payload: T): void {
    const [head, ...rest] = tokens;
    if (head === undefined) return;
    let list = this.byFirst.get(head);
    if (!list) {
      list = [];
      this.byFirst.set(head, list);
    }
    list.push({ rest, payload });
    // Longest phrase first, so overlapping phrases report the longest match at a position.
    list.sort((a, b) => b.rest.length - a.rest.length);
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  /** Every phrase occurrence; at one start position only the longest phrase is reported. */
  matchAll(tokens: readonly string[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirst.get(tokens[i]!);
      if (!candidates) continue;
      for (const { rest, payload } of candidates) {
        if (i + rest.length >= tokens.length) continue;
        let ok = true;
        for (let k = 0; k < rest.length; k++) {
          if (tokens[i + 1 + k] !== rest[k]) {
            ok = false;
            break;
          }
        }
        if (ok) {
          out.push({ first: i, last: i + rest.length, payload });
          break;
        }
      }
    }
    return out;
  }
}
