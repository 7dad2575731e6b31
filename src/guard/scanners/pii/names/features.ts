/**
 * Tokens and features of the PERSON/LOCATION model. Shared by inference (person-name.ts) and the training script
 * (train-model.mjs, which imports the built copy), so both see exactly the same features.
 */

export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Words (letters/digits with inner apostrophes or hyphens) and single punctuation characters. */
const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const UPPER_START = /^\p{Lu}/u;
const ALL_UPPER = /^[\p{Lu}\p{N}'’-]+$/u;
const SENTENCE_END = new Set([
  '.',
  '!',
  '?',
  ':',
  '"',
  '“',
  '”',
  '\n',
  '(',
  '[',
  '|',
  '-',
  '–',
  '—',
  '•',
  '*',
  '#',
  '>',
]);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** Only capitalised words are classified: everything else is outside any entity (keeps the model small and fast). */
export function isCandidate(token: Token): boolean {
  return UPPER_START.test(token.text);
}

/** "McDonald" → "XxXx", "O'Neil" → "X'Xx", "NASA" → "XX": runs of one class collapse to one character. */
export function shape(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    // ASCII fast path; Unicode classes only for other characters.
    const c =
      code >= 65 && code <= 90
        ? 'X'
        : code >= 97 && code <= 122
          ? 'x'
          : code >= 48 && code <= 57
            ? 'd'
            : code < 128
              ? ch
              : /\p{Lu}/u.test(ch)
                ? 'X'
                : /\p{Ll}/u.test(ch)
                  ? 'x'
                  : /\p{N}/u.test(ch)
                    ? 'd'
                    : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/**
 * Lower-case frequency bucket of a word in ordinary text: a capitalised word that is usually written in lower case
 * ("The", "Please") is rarely a name. `lexicon` maps lower-cased words to buckets 1..3; absent = 0 (never seen
 * lower-case, as names usually are).
 */
export type Lexicon = ReadonlyMap<string, number>;

function lowerOf(tokens: readonly Token[], i: number): string {
  const t = tokens[i];
  return t ? t.text.toLowerCase() : i < 0 ? '<s>' : '</s>';
}

function isCap(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  return t !== undefined && UPPER_START.test(t.text);
}

/** Feature strings for candidate token i. The caller looks each up in the weight table. */
export function features(tokens: readonly Token[], i: number, lexicon: Lexicon): string[] {
  const t = tokens[i]!;
  const w = t.text.toLowerCase();
  const prev = tokens[i - 1];
  const initial = !prev || SENTENCE_END.has(prev.text);
  const f = [
    'b',
    `w=${w}`,
    `sh=${shape(t.text)}`,
    `s3=${w.slice(-3)}`,
    `p3=${w.slice(0, 3)}`,
    `pw=${lowerOf(tokens, i - 1)}`,
    `nw=${lowerOf(tokens, i + 1)}`,
    `pw2=${lowerOf(tokens, i - 2)}`,
    `nw2=${lowerOf(tokens, i + 2)}`,
    `pc=${isCap(tokens, i - 1) ? 1 : 0}${isCap(tokens, i + 1) ? 1 : 0}`,
    `lc=${lexicon.get(w) ?? 0}${initial ? 'i' : ''}`,
    `ini=${initial ? 1 : 0}`,
  ];
  if (ALL_UPPER.test(t.text) && t.text.length > 1) f.push('caps');
  if (t.text.length <= 2) f.push('short');
  return f;
}

export const LABELS = ['O', 'PERSON', 'LOCATION'] as const;
export type Label = (typeof LABELS)[number];
