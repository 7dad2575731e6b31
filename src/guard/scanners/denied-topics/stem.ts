/**
 * A light English stemmer: folds inflections (plural, -ed, -ing, -ly) and a few derivational suffixes so that
 * `investments`, `investing` and `invested` meet at `invest`. Deliberately simpler than Porter's algorithm; it only
 * has to map the words of a topic definition and of a prompt to the same key, fast, so over-stemming (`hate` and
 * `hat` → `hat`) is accepted. Input is a lower-case word.
 */

const VOWEL = /[aeiouy]/;

/** Derivational suffixes, longest first, with the shortest stem each may leave. */
const DERIVATIONAL: readonly (readonly [suffix: string, minStem: number])[] = [
  ['ational', 3],
  ['ization', 3],
  ['fulness', 3],
  ['iveness', 3],
  ['ousness', 3],
  ['ation', 3],
  ['ition', 3],
  ['ement', 3],
  ['ment', 3],
  ['ness', 3],
  ['ible', 3],
  ['able', 3],
  ['ance', 3],
  ['ence', 3],
  ['ism', 3],
  ['ist', 3],
  ['ity', 3],
  ['ive', 3],
  ['ize', 3],
  ['ise', 4],
  ['ful', 3],
  ['ous', 3],
  ['ion', 4],
  ['al', 4],
  ['er', 4],
];

function stripInflection(w: string): string {
  if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses') || w.endsWith('xes') || w.endsWith('ches') || w.endsWith('shes')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  for (const suffix of ['ingly', 'edly', 'ing', 'ed']) {
    if (!w.endsWith(suffix)) continue;
    const base = w.slice(0, -suffix.length);
    if (base.length < 3 || !VOWEL.test(base)) break;
    // running → runn → run; but keep -ll, -ss, -zz (falling → fall).
    const last = base.charCodeAt(base.length - 1);
    if (last === base.charCodeAt(base.length - 2) && !'lsz'.includes(base[base.length - 1]!)) return base.slice(0, -1);
    return base;
  }
  if (w.endsWith('ily') && w.length > 5) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ly') && w.length > 5) return w.slice(0, -2);
  return w;
}

/** Words repeat across requests; a bounded memo turns most stems into one Map lookup. */
const MEMO_SIZE = 20_000;
const memo = new Map<string, string>();

/** Stem of a lower-case English word. Words with digits or shorter than 4 letters come back unchanged. */
export function stem(word: string): string {
  if (word.length < 4) return word;
  let cached = memo.get(word);
  if (cached === undefined) {
    cached = computeStem(word);
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(word, cached);
  }
  return cached;
}

function computeStem(word: string): string {
  if (/\d/.test(word)) return word;
  let w = stripInflection(word);
  for (const [suffix, minStem] of DERIVATIONAL) {
    if (w.length - suffix.length >= minStem && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // make/making/maker → mak: a trailing e is dropped after the suffixes it would otherwise block.
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  // policy/policies → polic; happy/happily → happ: y after a consonant varies with the suffix.
  if (w.length > 3 && w.endsWith('y') && !VOWEL.test(w[w.length - 2]!)) w = w.slice(0, -1);
  // Suffix removal can leave a doubled consonant (controll-er → controll): fold it like -ing/-ed do.
  if (w.length > 3 && w[w.length - 1] === w[w.length - 2] && !'lsz'.includes(w[w.length - 1]!)) w = w.slice(0, -1);
  return w;
}
