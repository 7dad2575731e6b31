import { describe, expect, it } from 'vitest';
import { run } from './test-helpers.js';
import { ninoPrefixValid, ukNinoDetector } from './uk-nino.js';

describe('ninoPrefixValid (HMRC prefix rules)', () => {
  it('accepts allocated prefixes', () => {
    expect(ninoPrefixValid('AB')).toBe(true);
    expect(ninoPrefixValid('OA')).toBe(true);
  });

  it('rejects D F I Q U V in either letter, O second, and the unallocated pairs', () => {
    for (const p of ['DA', 'FA', 'IA', 'QA', 'UA', 'VA', 'AD', 'AF', 'AI', 'AQ', 'AU', 'AV', 'AO']) {
      expect(ninoPrefixValid(p)).toBe(false);
    }
    for (const p of ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']) expect(ninoPrefixValid(p)).toBe(false);
  });
});

describe('ukNinoDetector', () => {
  it('finds spaced and compact numbers; a cue raises the score', () => {
    expect(run(ukNinoDetector, 'My National Insurance number is AB 12 34 56 C.')).toEqual([
      ['UK_NINO', 'AB 12 34 56 C', 0.95],
    ]);
    expect(run(ukNinoDetector, 'ref JG103759A')).toEqual([['UK_NINO', 'JG103759A', 0.8]]);
  });

  it("rejects HMRC's specimen prefix QQ, bad suffixes and lower case", () => {
    expect(run(ukNinoDetector, 'NINO QQ 12 34 56 C')).toEqual([]);
    expect(run(ukNinoDetector, 'NINO AB 12 34 56 E')).toEqual([]);
    expect(run(ukNinoDetector, 'nino ab 12 34 56 c')).toEqual([]);
  });

  it('needs word edges', () => {
    expect(run(ukNinoDetector, 'XAB123456C and AB123456CD')).toEqual([]);
  });
});
