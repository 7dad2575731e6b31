import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScanContext, Scanner } from '../../types.js';
import { createSecretsScanner } from '../secrets/index.js';
import { DEFAULT_PII_ENTITIES } from './entities.js';
import { createPiiScanner } from './index.js';

const ctx: ScanContext = { direction: 'output', role: 'assistant', route: 'default' };
const scanners: [string, Scanner][] = [
  [
    'pii (all entities)',
    createPiiScanner({
      entities: [...DEFAULT_PII_ENTITIES],
      deny: ['secret plan'],
      custom: [{ entity: 'TICKET', pattern: 'T-\\d+' }],
    }),
  ],
  ['secrets', createSecretsScanner()],
];

/** Characters that the detectors care about, so random strings hit their code paths often. */
const alphabet = fc.constantFrom(
  ...'0123456789 -.@:+()/=_AaBbEeKkSsTtyJ\nß€😀'.split(''),
  'eyJ',
  'AKIA',
  '4111',
  'DOB ',
  'passport ',
  'Street',
  '::',
  'ghp_',
);
const piiText = fc.array(alphabet, { maxLength: 200 }).map((a) => a.join(''));

function checkSpans(text: string, scanner: Scanner): void {
  const r = scanner.scan(text, ctx);
  expect(r.score).toBeGreaterThanOrEqual(0);
  expect(r.score).toBeLessThanOrEqual(1);
  for (const s of r.spans) {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeGreaterThan(s.start);
    expect(s.end).toBeLessThanOrEqual(text.length);
  }
}

describe.each(scanners)('%s never throws and keeps spans in bounds', (_, scanner) => {
  it('on arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (t) => checkSpans(t, scanner)),
      { numRuns: 400 },
    );
  });

  it('on strings built from the detectors’ trigger characters', () => {
    fc.assert(
      fc.property(piiText, (t) => checkSpans(t, scanner)),
      { numRuns: 1500 },
    );
  });
});

/** Inputs built to make a backtracking regex go quadratic or worse. */
const ADVERSARIAL: [string, (n: number) => string][] = [
  ['word chars then @', (n) => `${'a'.repeat(n)}@`],
  ['many @', (n) => 'a@'.repeat(n / 2)],
  ['digits', (n) => '1'.repeat(n)],
  ['digit groups', (n) => '1234 '.repeat(n / 5)],
  ['dashed digits', (n) => '1-'.repeat(n / 2)],
  ['dotted digits', (n) => '1.'.repeat(n / 2)],
  ['parens', (n) => '(1) '.repeat(n / 4)],
  ['colons and hex', (n) => 'a:'.repeat(n / 2)],
  ['capital words', (n) => 'Abc '.repeat(n / 4)],
  ['address-ish', (n) => '12 Main Main Main '.repeat(n / 18)],
  ['iban-ish', (n) => 'DE89 '.repeat(n / 5)],
  ['cues', (n) => 'passport DOB born driver license '.repeat(n / 33)],
  ['jwt-ish', (n) => 'eyJ'.repeat(n / 3)],
  ['base64', (n) => 'aB3/'.repeat(n / 4)],
  ['pem', (n) => `-----BEGIN PRIVATE KEY-----${'A'.repeat(n)}`],
  ['url', (n) => `postgres://${'u'.repeat(n)}`],
];

describe.each(scanners)('%s runs in linear time on adversarial input', (_, scanner) => {
  it.each(ADVERSARIAL)('%s', (_, make) => {
    // Best of 3: the minimum filters out GC pauses and other processes on a shared machine.
    const time = (n: number) => {
      const text = make(n);
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        checkSpans(text, scanner);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    time(10_000); // warm up
    const small = Math.max(time(50_000), 0.5);
    const large = time(100_000);
    // Linear → ~2× for twice the input; quadratic → ~4×. Generous bound for a shared, noisy CI machine.
    expect(large).toBeLessThan(Math.max(small * 3.5, 50));
    expect(large).toBeLessThan(1000);
  });
});
