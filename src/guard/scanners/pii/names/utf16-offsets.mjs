// Span offsets of the PII datasets (../shared/datasets/pii) are Python code points; JS strings index UTF-16 code
// units. Shared by train-model.mjs and bench/guard-accuracy/pii.mjs, which read the same datasets.

/** `spans` with `start`/`end` moved from code-point to UTF-16 offsets in `text`. */
export function toUtf16Offsets(text, spans) {
  const map = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return spans.map((s) => ({ ...s, start: map[s.start], end: map[s.end] }));
}
