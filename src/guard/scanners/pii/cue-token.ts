/**
 * For identifiers that are only recognisable by the words in front of them (passport, driving licence): after each
 * cue, the first token containing a digit within a short window is the candidate.
 */
const TOKEN = /[A-Za-z0-9][A-Za-z0-9*-]{0,24}/g;

export interface CueToken {
  start: number;
  end: number;
  value: string;
}

/** First digit-bearing token within `window` characters after `from`, or undefined. */
export function tokenAfterCue(text: string, from: number, window: number): CueToken | undefined {
  const slice = text.slice(from, from + window);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m !== null; m = TOKEN.exec(slice)) {
    if (!/\d/.test(m[0])) continue;
    // Cut at the window edge means the token may go on: take it from the full text instead.
    let value = m[0];
    if (m.index + value.length === slice.length) {
      const rest = /^[A-Za-z0-9*-]*/.exec(text.slice(from + slice.length, from + slice.length + 24));
      value += rest?.[0] ?? '';
    }
    value = value.replace(/-+$/, '');
    return { start: from + m.index, end: from + m.index + value.length, value };
  }
  return undefined;
}
