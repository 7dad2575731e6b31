import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScanContext } from '../../types.js';
import { outputHandlingScanner } from './index.js';

const ctx: ScanContext = { direction: 'output', role: 'assistant', route: 'default' };
const make = (o: Record<string, unknown> = {}) => outputHandlingScanner.create(outputHandlingScanner.options.parse(o));

describe('output_handling', () => {
  it('always checks HTML and links; replacements sanitise in place', () => {
    const text = 'Result: <img src=x onerror="alert(1)"> and ![c](https://evil.example/i.png?d=1)';
    const r = make().scan(text, ctx);
    expect(r.score).toBe(1);
    let out = text;
    for (const s of [...r.spans].reverse()) out = out.slice(0, s.start) + s.replacement + out.slice(s.end);
    expect(out).toBe('Result: &lt;img src=x onerror=&quot;alert(1)&quot;&gt; and c');
  });

  it('checks SQL and shell only for routes whose output goes to that interpreter', () => {
    const text = 'Run: DROP TABLE users; and then rm -rf /';
    expect(make().scan(text, ctx).score).toBe(0);
    const sql = make().scan(text, { ...ctx, outputSinks: ['sql'] });
    expect(sql.details?.entities).toEqual(['DANGEROUS_SQL']);
    const both = make({ sinks: ['shell'] }).scan(text, { ...ctx, outputSinks: ['sql'] });
    expect(both.details?.entities).toEqual(['DANGEROUS_SQL', 'DANGEROUS_SHELL']);
  });

  it('scans HTML inside Markdown code only when the sink is raw html', () => {
    const text = 'Example: `<script>alert(1)</script>`';
    expect(make().scan(text, ctx).score).toBe(0);
    expect(make().scan(text, { ...ctx, outputSinks: ['html'] }).score).toBe(1);
  });

  it('passes a plain answer with allowed links (near miss)', () => {
    const s = make({ allowDomains: ['acme.example'] });
    expect(s.scan('See [pricing](https://www.acme.example/pricing) or **call us**.', ctx).score).toBe(0);
  });

  it('rejects an allowDomains entry that is not a domain and an unknown sink', () => {
    expect(outputHandlingScanner.options.safeParse({ allowDomains: ['not a domain'] }).success).toBe(false);
    expect(outputHandlingScanner.options.safeParse({ sinks: ['python'] }).success).toBe(false);
  });

  it('never throws and returns sorted, non-overlapping, in-bounds spans (fuzz)', () => {
    const s = make({ allowDomains: ['ok.example'] });
    const unit = fc.constantFrom(
      ...'<>[]()!`"\'=;|&$:/. \nahtpsxwjv-'.split(''),
      'http://',
      'https://ok.example',
      'www.',
      '<script>',
      'javascript:',
      'onerror=',
      'DROP TABLE',
      'rm -rf',
      '\ud800',
      'é',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), fc.subarray(['sql', 'shell', 'html']), (text, sinks) => {
        const r = s.scan(text, { ...ctx, outputSinks: sinks });
        let last = 0;
        for (const sp of r.spans) {
          if (sp.start < last || sp.end <= sp.start || sp.end > text.length) return false;
          last = sp.end;
        }
        return r.score >= 0 && r.score <= 1;
      }),
      { numRuns: 300 },
    );
  });
});
