import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScanContext } from '../../types.js';
import { deniedTopicsScanner } from './index.js';

const ctx: ScanContext = { direction: 'input', role: 'user', route: 'default' };
const make = (o: unknown) => deniedTopicsScanner.create(deniedTopicsScanner.options.parse(o));

const investment = {
  name: 'Investment advice',
  definition:
    'Guidance or recommendations about investing money, buying stocks, bonds, funds or cryptocurrencies, or managing a retirement portfolio.',
  examples: [
    'Which stocks should I buy this year?',
    'Is bitcoin a good investment right now?',
    'How should I invest my 401k?',
  ],
};
const medical = {
  name: 'Medical diagnosis',
  definition: 'Diagnosing illnesses or prescribing medication or dosages based on symptoms.',
  examples: ['What medication should I take for chest pain?', 'Do my symptoms mean I have diabetes?'],
  keywords: ['dosage'],
};
const scanner = make({ topics: [investment, medical] });
const THRESHOLD = deniedTopicsScanner.defaultThreshold;

describe('denied_topics', () => {
  it('flags prompts on a denied topic, naming the topic, in words the examples did not use', () => {
    for (const [text, topic] of [
      ['What stocks should I buy for my retirement?', 'Investment advice'],
      ['Should I put my savings into index funds or bonds?', 'Investment advice'],
      ['I keep getting chest pain at night, which medication helps?', 'Medical diagnosis'],
      ['What is the right dosage of ibuprofen for me?', 'Medical diagnosis'],
    ] as const) {
      const r = scanner.scan(text, ctx);
      expect(r.score, text).toBeGreaterThanOrEqual(THRESHOLD);
      expect(r.details?.topic, text).toBe(topic);
      expect(r.spans[0]).toMatchObject({ entity: 'DENIED_TOPIC' });
    }
  });

  it('stays under the threshold for texts that share one word with a topic (near misses)', () => {
    for (const text of [
      'We have that item in stock until Friday.',
      'Can you recommend a good book about dragons?',
      'The bond between the two friends grew stronger.',
      'Please summarise this meeting transcript.',
    ]) {
      expect(scanner.scan(text, ctx).score, text).toBeLessThan(THRESHOLD);
    }
  });

  it('spans only the sentences on the topic, so redact can remove just those', () => {
    const text = 'Thanks for the summary. Which stocks and bonds should I buy for retirement? Also, what time is it?';
    const r = scanner.scan(text, ctx);
    expect(r.spans).toHaveLength(1);
    expect(text.slice(r.spans[0]!.start, r.spans[0]!.end)).toBe('Which stocks and bonds should I buy for retirement?');
  });

  it('carries evidence across two sentences of one question', () => {
    const text = 'I have some savings and a retirement portfolio. Which stocks?';
    expect(scanner.scan(text, ctx).score).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('scores 1 on a user pattern match (RE2, case-insensitive)', () => {
    const s = make({ topics: [{ name: 'Competitors', patterns: ['\\b(globex|initech)\\b'] }] });
    const text = 'How does INITECH compare?';
    const r = s.scan(text, ctx);
    expect(r.score).toBe(1);
    expect(text.slice(r.spans[0]!.start, r.spans[0]!.end)).toBe('How does INITECH compare?'.slice(9, 16));
  });

  it('rejects an empty topic and an invalid pattern, naming the field', () => {
    const empty = deniedTopicsScanner.options.safeParse({ topics: [{ name: 'x' }] });
    expect(empty.success).toBe(false);
    const bad = deniedTopicsScanner.options.safeParse({ topics: [{ name: 'x', patterns: ['(a'] }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['topics', 0, 'patterns', 0]);
  });

  it('never throws and keeps spans inside the text (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const r = scanner.scan(text, ctx);
        return r.score >= 0 && r.score <= 1 && r.spans.every((s) => s.start >= 0 && s.end <= text.length);
      }),
    );
  });

  it('scans 200 KB linearly', () => {
    const text = 'Which stocks should I buy? The weather is nice today. '.repeat(4000);
    const t0 = performance.now();
    expect(scanner.scan(text, ctx).score).toBeGreaterThan(0.5);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
