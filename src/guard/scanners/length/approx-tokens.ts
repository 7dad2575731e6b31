/**
 * A tokenizer-free token estimate: BPE vocabularies average about 4 characters per token on ASCII text, while
 * scripts outside ASCII (CJK, Cyrillic, emoji) cost about one token per UTF-16 unit. Good enough for limits and
 * budgets; never exact for any particular model.
 */
const ASCII_CHARS_PER_TOKEN = 4;

export function approxTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 128) ascii++;
    else other++;
  }
  return Math.ceil(ascii / ASCII_CHARS_PER_TOKEN) + other;
}

/** The offset at which the estimate first exceeds `maxTokens` (text.length when it never does). */
export function offsetAtTokens(text: string, maxTokens: number): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 128) ascii++;
    else other++;
    if (Math.ceil(ascii / ASCII_CHARS_PER_TOKEN) + other > maxTokens) return i;
  }
  return text.length;
}
