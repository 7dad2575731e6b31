/**
 * HTML that runs or loads something when rendered: script and style elements, frames and embeds, forms and
 * `<base>`/`<meta>`/`<link>`, event-handler attributes, `javascript:` URLs, and images or media loaded from hosts
 * outside the allow list (zero-click exfiltration). Each span's replacement is the escaped HTML, which displays as
 * text. Tags are read with one pattern (`<name …>` up to the next `<` or `>`), so each character is read once.
 */
import type { Span } from '../../types.js';
import { inRanges, type Range } from './code-ranges.js';
import { type DomainAllowList, escapeHtml, judgeUrl } from './urls.js';

const TAG = /<([a-zA-Z][a-zA-Z0-9:-]{0,40})((?:[\s/][^<>]*)?)(>?)/g;
/** Elements whose whole content is active (script, CSS): the span runs to the closing tag. */
const ELEMENT_WITH_BODY = new Set(['script', 'style']);
const DANGEROUS_TAG = new Set([
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'meta',
  'link',
  'form',
  'portal',
]);
/** Elements whose `src` the browser fetches as soon as it renders them. */
const AUTOLOAD = new Set(['img', 'image', 'video', 'audio', 'source', 'track', 'input', 'picture', 'svg']);
const EVENT_HANDLER = /(?:^|[\s/"'])on[a-z]{3,30}\s*=/i;
const URL_ATTRIBUTE =
  /(?:^|[\s/"'])(href|src|srcset|action|formaction|xlink:href|data|poster|background|lowsrc|dynsrc)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)/gi;

export interface HtmlCheckOptions {
  allow: DomainAllowList;
  /** Markdown code ranges to skip (empty when the sink is raw HTML). */
  skip: readonly Range[];
}

export function findUnsafeHtml(text: string, { allow, skip }: HtmlCheckOptions): Span[] {
  if (!text.includes('<')) return [];
  const spans: Span[] = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    const start = m.index;
    if (inRanges(skip, start)) continue;
    const name = m[1]!.toLowerCase();
    const attributes = m[2] ?? '';
    let end = start + m[0].length;
    let entity: string | undefined;
    let score = 0;
    if (ELEMENT_WITH_BODY.has(name)) {
      const close = findClose(text, name, end);
      end = close;
      entity = name === 'script' ? 'HTML_SCRIPT' : 'HTML_DANGEROUS_TAG';
      score = name === 'script' ? 1 : 0.9;
      TAG.lastIndex = end;
    } else if (DANGEROUS_TAG.has(name)) {
      entity = 'HTML_DANGEROUS_TAG';
      score = 0.9;
    }
    if (EVENT_HANDLER.test(attributes)) {
      entity = 'HTML_EVENT_HANDLER';
      score = 1;
    }
    const urlFinding = judgeAttributes(name, attributes, allow);
    if (urlFinding && urlFinding.score > score) ({ entity, score } = urlFinding);
    if (entity) spans.push({ start, end, entity, score, replacement: escapeHtml(text.slice(start, end)) });
  }
  return spans;
}

function judgeAttributes(
  tag: string,
  attributes: string,
  allow: DomainAllowList,
): { entity: string; score: number } | undefined {
  if (!attributes.includes('=')) return undefined;
  let found: { entity: string; score: number } | undefined;
  URL_ATTRIBUTE.lastIndex = 0;
  for (let m = URL_ATTRIBUTE.exec(attributes); m; m = URL_ATTRIBUTE.exec(attributes)) {
    const attribute = m[1]!.toLowerCase();
    const value = m[2]!.replace(/^["']|["']$/g, '');
    // srcset lists "url size, url size": judge each URL.
    const urls = attribute === 'srcset' ? value.split(',').map((u) => u.trim().split(/\s+/)[0] ?? '') : [value];
    for (const url of urls) {
      const v = judgeUrl(url, allow);
      if (v.kind === 'script') return { entity: 'JAVASCRIPT_URL', score: 1 };
      if (v.kind !== 'web' || v.allowed) continue;
      const loadsItself = attribute !== 'href' && attribute !== 'action' && attribute !== 'formaction';
      if (loadsItself && (AUTOLOAD.has(tag) || attribute === 'background')) {
        found = { entity: 'EXTERNAL_IMAGE', score: 1 };
      } else if (!found && (!allow.isEmpty || v.carriesData)) {
        found = { entity: allow.isEmpty ? 'EXFILTRATION_URL' : 'UNTRUSTED_LINK', score: allow.isEmpty ? 0.7 : 0.8 };
      }
    }
  }
  return found;
}

const CLOSE: Record<string, RegExp> = { script: /<\/script/gi, style: /<\/style/gi };

/** Offset just past `</name>` after `from`, or the end of the text when the element is never closed. */
function findClose(text: string, name: string, from: number): number {
  const re = CLOSE[name]!;
  re.lastIndex = from;
  const at = re.exec(text)?.index ?? -1;
  if (at < 0) return text.length;
  const gt = text.indexOf('>', at);
  return gt < 0 ? text.length : gt + 1;
}
