import { describe, expect, it } from 'vitest';
import { phoneDetector } from './phone.js';
import { found, run } from './test-helpers.js';

describe('phoneDetector', () => {
  it('finds US numbers in common layouts', () => {
    expect(found(phoneDetector, 'Call (415) 555-2671 or 212.555.0199 or 1-212-555-0199 today')).toEqual([
      '(415) 555-2671',
      '212.555.0199',
      '1-212-555-0199',
    ]);
  });

  it('finds international numbers whatever the default region', () => {
    expect(found(phoneDetector, 'UK office: +44 20 7946 0958, Paris +33 1 42 68 53 00.')).toEqual([
      '+44 20 7946 0958',
      '+33 1 42 68 53 00',
    ]);
  });

  it('uses the default region for national numbers', () => {
    expect(found(phoneDetector, 'ring 020 7946 0958', 'US')).toEqual([]);
    expect(found(phoneDetector, 'ring 020 7946 0958', 'GB')).toEqual(['020 7946 0958']);
  });

  it('rejects numbers libphonenumber says are invalid and digit runs that are not phones', () => {
    for (const text of [
      '(123) 456-7890', // area code cannot start with 1
      '555-1234', // no area code
      'on 2023-01-15 we met',
      'version 10.0.0.1',
      'card 4111 1111 1111 1111',
      'ssn 123-45-6789',
      'pi is 3.14159265358',
      'grid 0 0 7 3 4 5 7 5 0 3 4 0 6',
    ]) {
      expect(found(phoneDetector, text), text).toEqual([]);
    }
  });

  it('raises the score after a phone cue and drops it after an order/invoice cue', () => {
    const [, , plain] = run(phoneDetector, 'x 4155552671')[0]!;
    const [, , cued] = run(phoneDetector, 'my cell 4155552671')[0]!;
    expect(cued).toBeGreaterThan(plain);
    expect(found(phoneDetector, 'order no. 4155552671')).toEqual([]);
  });

  it('keeps a trailing unrelated number out of the span', () => {
    expect(found(phoneDetector, 'call 415-555-2671 2 times')).toEqual(['415-555-2671']);
    expect(found(phoneDetector, '(call 415-555-2671)')).toEqual(['415-555-2671']);
  });
});
