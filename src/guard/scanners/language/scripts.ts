/**
 * Writing systems by code point range, and the language each implies when it is specific to one. Counting letters
 * per script is a few comparisons per character: the cheap first stage of language detection.
 */
export type Script =
  | 'latin'
  | 'greek'
  | 'cyrillic'
  | 'armenian'
  | 'hebrew'
  | 'arabic'
  | 'devanagari'
  | 'bengali'
  | 'tamil'
  | 'thai'
  | 'georgian'
  | 'hangul'
  | 'kana'
  | 'han';

export const SCRIPTS: readonly Script[] = [
  'latin',
  'greek',
  'cyrillic',
  'armenian',
  'hebrew',
  'arabic',
  'devanagari',
  'bengali',
  'tamil',
  'thai',
  'georgian',
  'hangul',
  'kana',
  'han',
];
const INDEX = new Map(SCRIPTS.map((s, i) => [s, i]));

/** Index in SCRIPTS of a non-ASCII code point's script, or -1 (digits, punctuation, symbols, scripts we do not name). */
export function scriptIndexOf(cp: number): number {
  const s = scriptOf(cp);
  return s === undefined ? -1 : INDEX.get(s)!;
}

/** Script of a code point, or undefined for digits, punctuation, symbols and scripts we do not name. */
export function scriptOf(cp: number): Script | undefined {
  if (cp < 0x80) return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) ? 'latin' : undefined;
  if (cp < 0x250) return cp >= 0xc0 && cp !== 0xd7 && cp !== 0xf7 ? 'latin' : undefined;
  if (cp >= 0x1e00 && cp <= 0x1eff) return 'latin';
  if (cp >= 0x370 && cp <= 0x3ff) return 'greek';
  if (cp >= 0x1f00 && cp <= 0x1fff) return 'greek';
  if (cp >= 0x400 && cp <= 0x52f) return 'cyrillic';
  if (cp >= 0x530 && cp <= 0x58f) return 'armenian';
  if (cp >= 0x590 && cp <= 0x5ff) return 'hebrew';
  if ((cp >= 0x600 && cp <= 0x6ff) || (cp >= 0x750 && cp <= 0x77f) || (cp >= 0xfb50 && cp <= 0xfdff)) return 'arabic';
  if (cp >= 0xfe70 && cp <= 0xfeff) return 'arabic';
  if (cp >= 0x900 && cp <= 0x97f) return 'devanagari';
  if (cp >= 0x980 && cp <= 0x9ff) return 'bengali';
  if (cp >= 0xb80 && cp <= 0xbff) return 'tamil';
  if (cp >= 0xe00 && cp <= 0xe7f) return 'thai';
  if (cp >= 0x10a0 && cp <= 0x10ff) return 'georgian';
  if ((cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f))
    return 'hangul';
  if (cp >= 0x3040 && cp <= 0x30ff) return 'kana';
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2ffff))
    return 'han';
  return undefined;
}

/** The language a script implies on its own (Latin, Cyrillic, Arabic and Han need a closer look). */
export const SCRIPT_LANGUAGE: Partial<Record<Script, string>> = {
  greek: 'el',
  armenian: 'hy',
  hebrew: 'he',
  devanagari: 'hi',
  bengali: 'bn',
  tamil: 'ta',
  thai: 'th',
  georgian: 'ka',
  hangul: 'ko',
  kana: 'ja',
};

/** Letters of scripts without spaces between words count more: one character carries about a word's worth. */
export const SCRIPT_WEIGHT: Partial<Record<Script, number>> = { han: 2, kana: 2, hangul: 2, thai: 1.5 };
