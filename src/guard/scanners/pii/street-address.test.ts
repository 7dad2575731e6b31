import { describe, expect, it } from 'vitest';
import { streetAddressDetector } from './street-address.js';
import { found, run } from './test-helpers.js';

describe('streetAddressDetector', () => {
  it('finds US/UK addresses, with city/state/ZIP or postcode tails', () => {
    expect(found(streetAddressDetector, 'Send it to 1600 Pennsylvania Ave NW, Washington, DC 20500 please')).toEqual([
      '1600 Pennsylvania Ave NW, Washington, DC 20500',
    ]);
    expect(found(streetAddressDetector, 'I live at 221B Baker Street, London NW1 6XE.')).toEqual([
      '221B Baker Street, London NW1 6XE',
    ]);
    expect(found(streetAddressDetector, 'office: 350 5th Ave, Suite 300')).toEqual(['350 5th Ave, Suite 300']);
  });

  it('finds German/Dutch and Romance-language forms', () => {
    expect(found(streetAddressDetector, 'Adresse: Hauptstraße 5, 10115 Berlin')).toEqual([
      'Hauptstraße 5, 10115 Berlin',
    ]);
    expect(found(streetAddressDetector, 'Keizersgracht 123 is lovely')).toEqual(['Keizersgracht 123']);
    expect(found(streetAddressDetector, 'au 12 rue de Rivoli à Paris')).toEqual(['12 rue de Rivoli']);
    expect(found(streetAddressDetector, 'in Via Roma 10, Milano')).toEqual(['Via Roma 10']);
  });

  it('raises the score with a tail and an address cue', () => {
    const [[, , bare]] = run(streetAddressDetector, 'x 42 Wallaby Way y') as [[string, string, number]];
    const [[, , cued]] = run(streetAddressDetector, 'my address is 42 Wallaby Way y') as [[string, string, number]];
    expect(cued).toBeGreaterThan(bare);
  });

  it('ignores numbers followed by ordinary words', () => {
    for (const text of [
      'I have 3 kids in the street',
      'buy 2 apples on the way',
      'Offering 3 prizes',
      'page 12 of 40',
    ]) {
      expect(found(streetAddressDetector, text), text).toEqual([]);
    }
  });
});
