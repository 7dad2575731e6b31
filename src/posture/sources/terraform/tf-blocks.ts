/**
 * A small scanner for `.tf` files: finds each top-level `resource "TYPE" "NAME" {…}` block and the comments that
 * belong to it. It does not evaluate HCL; it only knows enough (strings with `${…}` templates, heredocs, comments,
 * nested braces) to tell where a block ends and what is a comment. One pass, linear in the text, and it never throws:
 * a broken file yields fewer blocks, not an error.
 */

export interface TfComment {
  /** 1-based line of the comment's first character. */
  line: number;
  /** The comment without its marker (`#`, `//`, `/*` and `*\/`); a block comment keeps its line breaks. */
  text: string;
}

export interface TfResourceBlock {
  type: string;
  name: string;
  /** 1-based line and column of the `resource` keyword. */
  line: number;
  column: number;
  /** Comments inside the block, then those on the comment lines directly above it (no blank line between). */
  comments: TfComment[];
}

interface RawComment extends TfComment {
  start: number;
  endLine: number;
  /** Nothing but white space before it on its line. */
  ownLine: boolean;
}

interface OpenBlock {
  type: string;
  name: string;
  start: number;
  line: number;
  column: number;
  end: number;
}

/** Frames of the scanner's stack: a string, or code with its own brace depth (the root, or a `${…}` template). */
const STRING = -1;

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 45;
const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r';
const HEREDOC = /<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/y;

/** Every top-level resource block of a `.tf` file, in file order. */
export function resourceBlocks(text: string): TfResourceBlock[] {
  const comments: RawComment[] = [];
  const blocks: OpenBlock[] = [];
  const stack: number[] = [0];
  let line = 1;
  let lineStart = 0;
  let open: OpenBlock | undefined;
  // Block header tokens seen on the current line at depth 0: `resource`, then two labels.
  let headerCount = 0;
  const header: { text?: string; start: number; line: number; column: number }[] = [];
  let labelStart = -1;
  let labelPlain = true;
  // Whether anything but white space came before, on the current line: a comment after code is not an own-line one.
  let codeOnLine = false;

  const token = (value: string | undefined, start: number) => {
    if (headerCount < 3) header[headerCount] = { text: value, start, line, column: start - lineStart + 1 };
    headerCount++;
  };
  const newline = (at: number) => {
    line++;
    lineStart = at + 1;
    codeOnLine = false;
    if (stack.length === 1 && stack[0] === 0) headerCount = 0;
  };

  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    const top = stack[stack.length - 1]!;
    if (top === STRING) {
      if (ch === '\n') {
        // A quoted string cannot span lines: recover from an unterminated one at the line break.
        stack.pop();
        labelStart = -1;
        continue;
      }
      codeOnLine = true;
      if (ch === '\\') {
        i += text[i + 1] === '\n' ? 1 : 2;
        continue;
      }
      if (ch === '"') {
        stack.pop();
        if (stack.length === 1 && stack[0] === 0 && labelStart >= 0) {
          token(labelPlain ? text.slice(labelStart, i) : undefined, labelStart - 1);
          labelStart = -1;
        }
        i++;
        continue;
      }
      if ((ch === '$' || ch === '%') && text[i + 1] === '{') {
        stack.push(0);
        labelPlain = false;
        i += 2;
        continue;
      }
      if ((ch === '$' || ch === '%') && text[i + 1] === ch && text[i + 2] === '{') {
        i += 3; // `$${` and `%%{` are literal
        continue;
      }
      i++;
      continue;
    }

    // Code: the root (stack length 1) or a template interpolation.
    const atRoot = stack.length === 1;
    const atTop = atRoot && top === 0;
    if (ch === '\n') {
      newline(i);
      i++;
      continue;
    }
    if (ch === '#' || (ch === '/' && text[i + 1] === '/')) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      const body = text.slice(i + (ch === '#' ? 1 : 2), stop).replace(/\r$/, '');
      comments.push({ line, endLine: line, start: i, ownLine: !codeOnLine, text: body });
      codeOnLine = true;
      i = stop;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const stop = close < 0 ? n : close;
      const first = line;
      const own = !codeOnLine;
      for (let k = i + 2; k < stop; k++) if (text.charCodeAt(k) === 10) newline(k);
      comments.push({ line: first, endLine: line, start: i, ownLine: own, text: text.slice(i + 2, stop) });
      codeOnLine = true;
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (!isBlank(ch)) codeOnLine = true;
    if (ch === '"') {
      stack.push(STRING);
      if (atTop) {
        labelStart = i + 1;
        labelPlain = true;
      }
      i++;
      continue;
    }
    if (ch === '<' && text[i + 1] === '<') {
      HEREDOC.lastIndex = i;
      const m = HEREDOC.exec(text);
      if (m) {
        newline(i + m[0].length - 1);
        i = skipHeredoc(text, i + m[0].length, m[1]!, newline);
        continue;
      }
    }
    if (ch === '{') {
      if (atTop) {
        const [kw, type, name] = header;
        if (headerCount === 3 && kw?.text === 'resource' && type?.text && name?.text) {
          open = { type: type.text, name: name.text, start: kw.start, line: kw.line, column: kw.column, end: n };
        }
        headerCount = 0;
      }
      stack[stack.length - 1] = top + 1;
      i++;
      continue;
    }
    if (ch === '}') {
      if (!atRoot && top === 0) stack.pop();
      else if (top > 0) {
        stack[stack.length - 1] = top - 1;
        if (atRoot && top === 1 && open) {
          open.end = i;
          blocks.push(open);
          open = undefined;
        }
      }
      i++;
      continue;
    }
    if (atTop && isIdentStart(ch.charCodeAt(0))) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      token(text.slice(i, j), i);
      i = j;
      continue;
    }
    if (atTop && !isBlank(ch)) headerCount = 3;
    i++;
  }
  if (open) blocks.push(open);
  return attach(blocks, comments);
}

/** Past the heredoc's closing marker line (or the end of the text), calling `newline` for each line break passed. */
function skipHeredoc(text: string, from: number, marker: string, newline: (at: number) => void): number {
  let pos = from;
  while (pos < text.length) {
    const end = text.indexOf('\n', pos);
    if (end < 0) return text.length;
    newline(end);
    if (text.slice(pos, end).trim() === marker) return end + 1;
    pos = end + 1;
  }
  return text.length;
}

/** Comments inside each block, and the unbroken run of own-line comments ending on the line above its header. */
function attach(blocks: OpenBlock[], comments: RawComment[]): TfResourceBlock[] {
  const out: TfResourceBlock[] = [];
  let k = 0;
  let previousEnd = -1;
  for (const b of blocks) {
    while (k < comments.length && comments[k]!.start < b.start) k++;
    const above: TfComment[] = [];
    let expected = b.line - 1;
    for (let j = k - 1; j >= 0; j--) {
      const c = comments[j]!;
      if (!c.ownLine || c.endLine !== expected || c.start <= previousEnd) break;
      above.push({ line: c.line, text: c.text });
      expected = c.line - 1;
    }
    above.reverse();
    const inside: TfComment[] = [];
    while (k < comments.length && comments[k]!.start < b.end) {
      const c = comments[k++]!;
      inside.push({ line: c.line, text: c.text });
    }
    out.push({ type: b.type, name: b.name, line: b.line, column: b.column, comments: [...inside, ...above] });
    previousEnd = b.end;
  }
  return out;
}
