import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenVault } from '../session/token-vault.js';
import { applySpans, mask, normaliseSpans, type TransformAction, type TransformSpan } from './transform-spans.js';

const span = (start: number, end: number, action: TransformAction, entity = 'X', extra: Partial<TransformSpan> = {}) =>
  ({ start, end, action, entity, restore: false, ...extra }) satisfies TransformSpan;

describe('applySpans', () => {
  const text = 'mail bob@example.com or call 555-0100 now';
  const email = [5, 20] as const;
  const phone = [29, 37] as const;

  it('redact puts a typed placeholder, or the replacement a scanner chose', () => {
    const v = new TokenVault();
    expect(applySpans(text, [span(...email, 'redact', 'EMAIL_ADDRESS'), span(...phone, 'redact', 'PHONE')], v)).toBe(
      'mail [EMAIL_ADDRESS] or call [PHONE] now',
    );
    expect(applySpans(text, [span(...email, 'redact', 'URL', { replacement: '<link>' })], v)).toBe(
      'mail <link> or call 555-0100 now',
    );
  });

  it('mask keeps the last 4 characters, never more than half', () => {
    expect(applySpans(text, [span(...phone, 'mask')], new TokenVault())).toBe(
      'mail bob@example.com or call ****0100 now',
    );
    expect(mask('4111111111111234')).toBe('************1234');
    expect(mask('abcdef')).toBe('***def');
    expect(mask('ab')).toBe('*b');
    expect(mask('a')).toBe('*');
    expect(mask('')).toBe('');
  });

  it('tokenize gives the same token to the same value and a new one to another', () => {
    const v = new TokenVault();
    const t = 'a@x.io then b@x.io then a@x.io';
    const out = applySpans(
      t,
      [span(0, 6, 'tokenize', 'EMAIL'), span(12, 18, 'tokenize', 'EMAIL'), span(24, 30, 'tokenize', 'EMAIL')],
      v,
    );
    expect(out).toBe('[EMAIL_1] then [EMAIL_2] then [EMAIL_1]');
    expect(v.size).toBe(2);
  });

  it('merges overlapping spans into one with the strongest action; touching spans stay apart', () => {
    expect(applySpans('0123456789', [span(2, 6, 'mask', 'A'), span(4, 8, 'redact', 'B')], new TokenVault())).toBe(
      '01[B]89',
    );
    expect(applySpans('0123456789', [span(2, 5, 'redact', 'A'), span(5, 8, 'redact', 'B')], new TokenVault())).toBe(
      '01[A][B]89',
    );
    // Nested span inside a span with a replacement: the outer one's replacement stays.
    expect(
      applySpans(
        '0123456789',
        [span(1, 9, 'redact', 'HTML', { replacement: '' }), span(3, 4, 'redact', 'B')],
        new TokenVault(),
      ),
    ).toBe('09');
  });

  it('never splits a surrogate pair and clamps spans outside the text', () => {
    const t = 'a😀b😀c'; // 😀 is two UTF-16 units
    expect(applySpans(t, [span(2, 3, 'redact')], new TokenVault())).toBe('a[X]b😀c');
    expect(applySpans(t, [span(4, 5, 'redact')], new TokenVault())).toBe('a😀b[X]c');
    expect(applySpans(t, [span(-5, 1, 'redact'), span(6, 99, 'redact')], new TokenVault())).toBe('[X]😀b😀[X]');
    expect(applySpans(t, [span(3, 3, 'redact'), span(Number.NaN, 2, 'redact')], new TokenVault())).toBe('[X]b😀c');
    expect(mask('😀😀😀😀😀😀😀😀x')).toBe('*****😀😀😀x');
  });

  it('normaliseSpans returns sorted, disjoint spans', () => {
    const out = normaliseSpans('x'.repeat(20), [
      span(10, 12, 'flag' as never),
      span(1, 3, 'redact'),
      span(2, 11, 'mask'),
    ]);
    expect(out.map((s) => [s.start, s.end])).toEqual([[1, 12]]);
  });
});

describe('applySpans properties', () => {
  // Secrets use letters the filler never does, so any occurrence in the output is a leak.
  const secretArb = fc.string({ unit: fc.constantFrom(...'QZXJ😀é'), minLength: 2, maxLength: 12 });
  const fillerArb = fc.string({ unit: fc.constantFrom(...'abc .,\n🙂'), maxLength: 20 });

  it('redact and mask never leave a detected value in the text', () => {
    fc.assert(
      fc.property(
        secretArb,
        fc.array(fillerArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom<TransformAction>('redact', 'mask', 'tokenize'),
        (secret, fillers, action) => {
          const text = fillers.join(secret);
          const spans: TransformSpan[] = [];
          for (let i = text.indexOf(secret); i !== -1; i = text.indexOf(secret, i + secret.length)) {
            spans.push(span(i, i + secret.length, action, 'SECRET'));
          }
          const out = applySpans(text, spans, new TokenVault());
          expect(out.includes(secret)).toBe(false);
        },
      ),
    );
  });

  it('never throws on arbitrary spans and keeps the text outside them', () => {
    const spanArb = fc.record({
      start: fc.oneof(fc.integer({ min: -5, max: 60 }), fc.constant(Number.NaN), fc.double()),
      end: fc.oneof(fc.integer({ min: -5, max: 60 }), fc.constant(Number.POSITIVE_INFINITY)),
      action: fc.constantFrom<TransformAction>('redact', 'mask', 'tokenize'),
      entity: fc.constantFrom('A', 'B'),
      restore: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.array(spanArb, { maxLength: 6 }),
        (text, spans) => {
          const out = applySpans(text, spans, new TokenVault());
          expect(typeof out).toBe('string');
          const merged = normaliseSpans(text, spans);
          if (merged.length) {
            expect(out.startsWith(text.slice(0, merged[0]!.start))).toBe(true);
            expect(out.endsWith(text.slice(merged[merged.length - 1]!.end))).toBe(true);
          } else expect(out).toBe(text);
          for (let i = 1; i < merged.length; i++) expect(merged[i]!.start).toBeGreaterThanOrEqual(merged[i - 1]!.end);
        },
      ),
    );
  });
});
