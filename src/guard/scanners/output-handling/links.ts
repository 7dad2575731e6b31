/**
 * Markdown and plain-text links that leak data or lead off the allow list: images (`![alt](url)`, fetched by the
 * renderer with no click: the classic zero-click exfiltration), inline links, reference definitions, `<autolinks>`
 * and bare URLs. The replacement keeps what a reader needs: an image's alt text, a link's text, a bare URL's host.
 *
 * Scores: an image from a host outside the allow list 1; a `javascript:` link 1; a link outside a configured allow
 * list 0.8; with no allow list configured, only links that carry data (long query values, fragments or encoded path
 * segments) 0.7, so ordinary links in answers are not flagged.
 */
import type { Span } from '../../types.js';
import { inRanges, type Range } from './code-ranges.js';
import { type DomainAllowList, judgeUrl } from './urls.js';

const INLINE =
  /(!?)\[([^[\]\n]{0,1000})\]\(\s*<?([^\s()<>]{1,4096}(?:\([^\s()<>]{0,200}\)[^\s()<>]{0,200})?)>?(?:\s+(?:"[^"\n]{0,500}"|'[^'\n]{0,500}'|\([^()\n]{0,500}\)))?\s*\)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[([^\]\n]{1,999})\]:[ \t]*<?([^\s<>]{1,4096})>?[^\n]*$/gm;
const IMAGE_REFERENCE = /!\[([^\]\n]{0,1000})\](?:\[([^\]\n]{0,999})\])?/g;
const AUTOLINK = /<((?:https?:)?\/\/[^\s<>]{1,4096})>/gi;
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>"'`]{1,4096}/gi;

export interface LinkCheckOptions {
  allow: DomainAllowList;
  skip: readonly Range[];
}

export function findUnsafeLinks(text: string, { allow, skip }: LinkCheckOptions): Span[] {
  const hasBracket = text.includes('](') || text.includes(']:');
  const hasUrl = text.includes('//') || /www\./i.test(text);
  if (!hasBracket && !hasUrl) return [];
  const spans: Span[] = [];
  const taken: Range[] = [];
  const record = (span: Span | undefined, start: number, end: number) => {
    taken.push({ start, end });
    if (span) spans.push(span);
  };

  if (hasBracket) {
    INLINE.lastIndex = 0;
    for (let m = INLINE.exec(text); m; m = INLINE.exec(text)) {
      if (inRanges(skip, m.index)) continue;
      const isImage = m[1] === '!';
      const label = m[2]!;
      const end = m.index + m[0].length;
      record(judge(m[3]!, isImage, allow, m.index, end, label), m.index, end);
    }
    const imageLabels = new Set<string>();
    IMAGE_REFERENCE.lastIndex = 0;
    for (let m = IMAGE_REFERENCE.exec(text); m; m = IMAGE_REFERENCE.exec(text)) {
      imageLabels.add(normaliseLabel(m[2] || m[1]!));
    }
    REFERENCE_DEFINITION.lastIndex = 0;
    for (let m = REFERENCE_DEFINITION.exec(text); m; m = REFERENCE_DEFINITION.exec(text)) {
      if (inRanges(skip, m.index)) continue;
      const isImage = imageLabels.has(normaliseLabel(m[1]!));
      const end = m.index + m[0].length;
      // A definition is not shown; dropping it leaves the reference as plain text.
      record(judge(m[2]!, isImage, allow, m.index, end, ''), m.index, end);
    }
  }

  if (hasUrl) {
    taken.sort((a, b) => a.start - b.start);
    for (const pattern of [AUTOLINK, BARE_URL]) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        if (inRanges(skip, m.index) || inRanges(taken, m.index)) continue;
        const url = pattern === AUTOLINK ? m[1]! : trimTrailingPunctuation(m[0]);
        const end = pattern === AUTOLINK ? m.index + m[0].length : m.index + url.length;
        const span = judge(url, false, allow, m.index, end, undefined);
        record(span, m.index, end);
        if (pattern === AUTOLINK) taken.sort((a, b) => a.start - b.start);
      }
    }
  }
  return spans;
}

/** The span for one link, or undefined when it is fine. `text` undefined = show the host instead of the URL. */
function judge(
  url: string,
  isImage: boolean,
  allow: DomainAllowList,
  start: number,
  end: number,
  text: string | undefined,
): Span | undefined {
  const v = judgeUrl(url, allow);
  if (v.kind === 'script') return { start, end, entity: 'JAVASCRIPT_URL', score: 1, replacement: text ?? '' };
  if (v.kind !== 'web' || v.allowed) return undefined;
  const replacement = text ?? v.host;
  if (isImage) return { start, end, entity: 'EXTERNAL_IMAGE', score: 1, replacement };
  if (!allow.isEmpty) return { start, end, entity: 'UNTRUSTED_LINK', score: 0.8, replacement };
  if (v.carriesData) return { start, end, entity: 'EXFILTRATION_URL', score: 0.7, replacement };
  return undefined;
}

function normaliseLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** GFM leaves sentence punctuation and an unbalanced closing parenthesis out of a bare URL. */
function trimTrailingPunctuation(url: string): string {
  let open = 0;
  let close = 0;
  for (let i = 0; i < url.length; i++) {
    if (url[i] === '(') open++;
    else if (url[i] === ')') close++;
  }
  let end = url.length;
  while (end > 0) {
    const c = url[end - 1]!;
    if ('.,;:!?*_~'.includes(c)) end--;
    else if (c === ')' && open < close) {
      end--;
      close--;
    } else break;
  }
  return url.slice(0, end);
}
