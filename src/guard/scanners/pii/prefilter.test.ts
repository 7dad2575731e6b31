import { describe, expect, it } from 'vitest';
import type { Detector } from './detector.js';
import { HAS_AT, HAS_DIGIT } from './detector.js';
import { digitLevel, digitLevelOf, digitStepsOf } from './prefilter.js';

const detector = (needs: number, minDigits?: number): Detector => ({
  entities: ['EMAIL_ADDRESS'],
  needs,
  minDigits,
  detect: () => {},
});

describe('digit pre-filter', () => {
  it('rounds a detector’s minDigits down to a level (never skipping a text it could match)', () => {
    expect(digitLevelOf(detector(HAS_AT))).toBe(0);
    expect(digitLevelOf(detector(HAS_DIGIT))).toBe(1);
    expect(digitLevelOf(detector(HAS_DIGIT, 6))).toBe(4);
    expect(digitLevelOf(detector(HAS_DIGIT, 13))).toBe(13);
    expect(digitLevelOf(detector(HAS_DIGIT, 20))).toBe(13);
  });

  it('reports the largest level the text’s digit count reaches', () => {
    const steps = digitStepsOf([4, 9, 13].map((n) => detector(HAS_DIGIT, n)).concat(detector(HAS_DIGIT)));
    expect(steps.map((s) => s.level)).toEqual([1, 4, 9, 13]);
    expect(digitLevel('no digits here', steps)).toBe(0);
    expect(digitLevel('1 and 2 and 3', steps)).toBe(1);
    expect(digitLevel('in 2019', steps)).toBe(4);
    expect(digitLevel('call 555-0100 (ext 1)', steps)).toBe(4);
    expect(digitLevel('SSN 123-45-6789', steps)).toBe(9);
    expect(digitLevel('card 4111 1111 1111 1111', steps)).toBe(13);
    expect(digitLevel('١٢٣٤ full-width １２３４', steps)).toBe(0); // ASCII digits only
  });
});
