/** A sentence (or list item / line) of a text, trimmed of surrounding whitespace. */
export interface Sentence {
  start: number;
  end: number;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000;
}

function isTerminal(c: number): boolean {
  // . ! ? … and their CJK full-width forms
  return c === 46 || c === 33 || c === 63 || c === 0x2026 || c === 0x3002 || c === 0xff01 || c === 0xff1f;
}

function isCloser(c: number): boolean {
  // quotes and brackets that may follow the terminal mark: " ' ) ] ” ’ »
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019 || c === 0xbb;
}

/**
 * Splits at sentence-final punctuation followed by a space (so `3.5` and `example.com` stay whole) and at every
 * line break (list items, headings). Cheap and language-agnostic; abbreviations such as `e.g. ` do split, which only
 * makes a sentence shorter. Linear, never throws.
 */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const n = text.length;
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      push(i);
      start = i + 1;
      continue;
    }
    if (!isTerminal(c)) continue;
    let j = i + 1;
    while (j < n && (isTerminal(text.charCodeAt(j)) || isCloser(text.charCodeAt(j)))) j++;
    const cjk = c >= 0x3000;
    if (j === n || isSpace(text.charCodeAt(j)) || cjk) {
      push(j);
      start = j;
    }
    // Skip the rest of the run either way: rescanning `.....x` from every dot would be quadratic.
    i = j - 1;
  }
  push(n);
  return out;
}
