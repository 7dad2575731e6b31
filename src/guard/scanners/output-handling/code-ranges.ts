/**
 * Ranges of Markdown code (fenced blocks and inline code spans). A Markdown renderer shows their content as text,
 * so HTML and links inside them cannot run or load; the HTML and link checks skip them unless the route's sink is
 * raw `html`.
 */
export interface Range {
  start: number;
  end: number;
}

/** How far an inline code span may reach for its closing backticks (keeps the scan linear). */
const MAX_INLINE_CODE = 2000;

export function codeRanges(text: string): Range[] {
  if (!text.includes('`') && !text.includes('~~~')) return [];
  const out: Range[] = [];
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  let open: { start: number; marker: string } | undefined;
  let fenced: Range[] = [];
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const marker = m[1]!;
    if (!open) {
      open = { start: m.index, marker };
    } else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && m[0].trim() === marker) {
      fenced.push({ start: open.start, end: m.index + m[0].length });
      open = undefined;
    }
  }
  // An unclosed fence runs to the end of the text, as in CommonMark.
  if (open) fenced.push({ start: open.start, end: text.length });
  fenced = fenced.sort((a, b) => a.start - b.start);

  let f = 0;
  let i = 0;
  while (i < text.length) {
    while (f < fenced.length && fenced[f]!.end <= i) f++;
    const block = fenced[f];
    if (block && block.start <= i) {
      i = block.end;
      continue;
    }
    const tick = text.indexOf('`', i);
    if (tick < 0) break;
    if (block && tick >= block.start) {
      i = block.start;
      continue;
    }
    let runEnd = tick;
    while (runEnd < text.length && text.charCodeAt(runEnd) === 96) runEnd++;
    const run = runEnd - tick;
    const close = findRun(text, runEnd, run, Math.min(text.length, runEnd + MAX_INLINE_CODE));
    if (close < 0) {
      i = runEnd;
      continue;
    }
    out.push({ start: tick, end: close + run });
    i = close + run;
  }
  return [...fenced, ...out].sort((a, b) => a.start - b.start);
}

function findRun(text: string, from: number, run: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const tick = text.indexOf('`', i);
    if (tick < 0 || tick >= limit) return -1;
    let end = tick;
    while (end < text.length && text.charCodeAt(end) === 96) end++;
    if (end - tick === run) return tick;
    i = end;
  }
  return -1;
}

/** Whether `pos` falls inside one of the sorted `ranges` (binary search). */
export function inRanges(ranges: readonly Range[], pos: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (pos < r.start) hi = mid - 1;
    else if (pos >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}
