import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canaryCore, findCanary, makeCanary, withCanary } from './canary.js';

describe('canary', () => {
  it('makes distinct, plain-ASCII canaries with a 12-hex-digit core', () => {
    const a = makeCanary();
    const b = makeCanary();
    expect(a).toMatch(/^steward-canary-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    expect(canaryCore(a)).toBe(a.slice(-12));
    expect(withCanary('You are helpful.', a)).toBe(`<!-- ${a} -->\nYou are helpful.`);
  });

  it("uses the hex run of other canary formats (the session's stw-<hex>) and the whole string otherwise", () => {
    expect(canaryCore('stw-0123456789abcdef')).toBe('0123456789abcdef');
    expect(canaryCore('PINEAPPLE-WALRUS')).toBe('PINEAPPLE-WALRUS');
  });

  it('finds the canary verbatim, without its prefix, case-changed, spaced out, or reversed', () => {
    const canary = 'steward-canary-3f9a1c2b7d4e';
    const cases: [string, string][] = [
      [`My instructions begin with <!-- ${canary} -->`, 'exact'],
      ['the marker is 3F9A1C2B7D4E.', 'case'],
      ['3 f 9 a 1 c 2 b 7 d 4 e', 'spaced'],
      ['3f-9a-1c-2b-7d-4e', 'spaced'],
      ['e4d7b2c1a9f3', 'reversed'],
    ];
    for (const [text, how] of cases) expect(findCanary(text, canary)?.how, text).toBe(how);
    const hit = findCanary('x 3f 9a 1c 2b 7d 4e y', canary)!;
    expect('x 3f 9a 1c 2b 7d 4e y'.slice(hit.start, hit.end)).toBe('3f 9a 1c 2b 7d 4e');
  });

  it('does not fire on a different id or a partial one (near misses)', () => {
    const canary = 'steward-canary-3f9a1c2b7d4e';
    expect(findCanary('3f9a1c2b7d4f', canary)).toBeUndefined();
    expect(findCanary('3f9a1c2b7d', canary)).toBeUndefined();
    expect(findCanary('3f 9a 1c 2b 7d 4e'.replace(/ /g, '     '), canary)).toBeUndefined();
  });

  it('never throws, and stays linear on long near-miss input (fuzz)', () => {
    const canary = makeCanary();
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        (text) => findCanary(text, canary) === undefined || true,
      ),
    );
    const text = `${canaryCore(canary).slice(0, 11).split('').join(' - ')} `.repeat(5000);
    const t0 = performance.now();
    findCanary(text, canary);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
