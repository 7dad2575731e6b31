import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScanContext } from '../../types.js';
import { DEFAULT_DISCLAIMER, groundingScanner } from './index.js';

const context = [
  'Acme Corp reported revenue of $12.4 million for fiscal 2023, up 8% from the prior year. ' +
    'The growth came mainly from the European subscription business, led by CFO Maria Lopez.',
  'Acme plans to open a second warehouse in Rotterdam in 2024.',
];
const ctx: ScanContext = { direction: 'output', role: 'assistant', route: 'default', context };
const scanner = groundingScanner.create(groundingScanner.options.parse({}));
const slice = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

describe('grounding', () => {
  it('passes an answer whose claims the context supports, paraphrased', () => {
    const answer =
      'Acme reported $12.4 million revenue in fiscal 2023, up 8%. The European subscription business drove the growth.';
    const r = scanner.scan(answer, ctx);
    expect(r.score).toBe(0);
    expect(r.details).toMatchObject({ claims: 2, unsupported: 0 });
  });

  it('flags invented claims, with the unsupported sentences as spans', () => {
    const answer =
      'Acme reported revenue of $12.4 million for fiscal 2023. The company also acquired Globex for $300 million in March. ' +
      'Its chief executive John Smith announced layoffs in Singapore.';
    const r = scanner.scan(answer, ctx);
    expect(r.score).toBeCloseTo(2 / 3, 5);
    expect(r.spans.map((s) => slice(answer, s))).toEqual([
      'The company also acquired Globex for $300 million in March.',
      'Its chief executive John Smith announced layoffs in Singapore.',
    ]);
    expect(r.spans.every((s) => s.entity === 'UNGROUNDED_CLAIM')).toBe(true);
    expect(r.details?.disclaimer).toBe(DEFAULT_DISCLAIMER);
  });

  it('weighs a wrong figure more than matching common words (near miss)', () => {
    const answer = 'Acme reported revenue of $19.7 million for fiscal 2021.';
    expect(scanner.scan(answer, ctx).score).toBe(1);
  });

  it('does not judge questions, short remarks, or answers without context', () => {
    expect(scanner.scan('Sure! Here you go.', ctx).score).toBe(0);
    expect(scanner.scan('Would you like more detail on the warehouse expansion plans?', ctx).score).toBe(0);
    const noContext: ScanContext = { ...ctx, context: undefined };
    expect(scanner.scan('The company acquired Globex for $300 million in March.', noContext).score).toBe(0);
  });

  it('takes its disclaimer and thresholds from the policy', () => {
    const s = groundingScanner.create(groundingScanner.options.parse({ disclaimer: 'Unverified.', minSupport: 0.95 }));
    const r = s.scan('Acme plans a second warehouse in Rotterdam, opening next spring with robots.', ctx);
    expect(r.score).toBe(1);
    expect(r.details?.disclaimer).toBe('Unverified.');
    expect(groundingScanner.options.safeParse({ minSupport: 2 }).success).toBe(false);
  });

  it('never throws and keeps scores in 0..1 (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.array(fc.string({ maxLength: 100 })),
        (text, docs) => {
          const r = scanner.scan(text, { ...ctx, context: docs });
          return r.score >= 0 && r.score <= 1 && r.spans.every((s) => s.start >= 0 && s.end <= text.length);
        },
      ),
    );
  });
});
