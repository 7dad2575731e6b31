import { describe, expect, it } from 'vitest';
import { cardBrand, creditCardDetector, luhnValid } from './credit-card.js';
import { found, run } from './test-helpers.js';

describe('luhnValid / cardBrand', () => {
  it('checks the Luhn digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('378282246310005')).toBe(true);
  });

  it('names brands from BIN ranges and lengths', () => {
    expect(cardBrand('4111111111111111')).toBe('visa');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('2223003122003222')).toBe('mastercard');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('discover');
    expect(cardBrand('3530111333300000')).toBe('jcb');
    expect(cardBrand('30569309025904')).toBe('diners');
    expect(cardBrand('411111111111111')).toBeUndefined(); // Visa is never 15 digits
    expect(cardBrand('9111111111111111')).toBeUndefined();
  });
});

describe('creditCardDetector', () => {
  it('finds cards in printed groupings with exact spans', () => {
    const text = 'Visa 4111 1111 1111 1111, MC 5555-5555-5555-4444, Amex 3782 822463 10005, raw 6011111111111117.';
    expect(found(creditCardDetector, text)).toEqual([
      '4111 1111 1111 1111',
      '5555-5555-5555-4444',
      '3782 822463 10005',
      '6011111111111117',
    ]);
  });

  it('finds the card inside a longer run of groups', () => {
    expect(found(creditCardDetector, 'Order 12 4111 1111 1111 1111 thanks')).toEqual(['4111 1111 1111 1111']);
  });

  it('rejects invalid Luhn, unknown brands and odd groupings', () => {
    for (const text of [
      '4111 1111 1111 1112', // Luhn fails
      '1234 5678 9012 3456', // Luhn fails
      '9111111111111110', // Luhn ok, no brand
      '41 11 11 11 11 11 11 11', // not a card layout
      'id 41111111111111111111', // too long
    ]) {
      expect(found(creditCardDetector, text), text).toEqual([]);
    }
  });

  it('reports a brandless Luhn-valid number only after a card cue', () => {
    expect(run(creditCardDetector, 'my credit card: 9111111111111110')).toEqual([
      ['CREDIT_CARD', '9111111111111110', 0.7],
    ]);
  });
});
