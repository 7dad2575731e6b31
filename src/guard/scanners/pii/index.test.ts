import { describe, expect, it } from 'vitest';
import type { ScanContext } from '../../types.js';
import { createPiiScanner, piiScanner } from './index.js';

const ctx: ScanContext = { direction: 'input', role: 'user', route: 'default' };

function entitiesIn(text: string, scanner = createPiiScanner()): [string, string][] {
  return scanner.scan(text, ctx).spans.map((s) => [s.entity, text.slice(s.start, s.end)]);
}

describe('pii scanner', () => {
  it('finds every default entity in one text, without overlaps, sorted', () => {
    const text =
      'I am jane@example.com, (415) 555-2671, SSN 123-45-6789, card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 ' +
      '0130 00, IP 203.0.113.7, DOB: 1985-03-14, passport 123456789, at 42 Wallaby Way, Sydney.';
    const result = createPiiScanner().scan(text, ctx);
    expect(result.spans.map((s) => s.entity)).toEqual([
      'EMAIL_ADDRESS',
      'PHONE_NUMBER',
      'US_SSN',
      'CREDIT_CARD',
      'IBAN',
      'IP_ADDRESS',
      'DATE_OF_BIRTH',
      'PASSPORT',
      'STREET_ADDRESS',
    ]);
    expect(result.score).toBe(Math.max(...result.spans.map((s) => s.score!)));
    for (let i = 1; i < result.spans.length; i++) {
      expect(result.spans[i]!.start).toBeGreaterThanOrEqual(result.spans[i - 1]!.end);
    }
  });

  it('returns score 0 and no spans for clean text', () => {
    expect(createPiiScanner().scan('Summarise the attached meeting notes in 3 bullet points.', ctx)).toEqual({
      score: 0,
      spans: [],
    });
  });

  it('limits detection to the listed entities', () => {
    const text = 'mail jane@example.com or call (415) 555-2671';
    expect(entitiesIn(text, createPiiScanner({ entities: ['PHONE_NUMBER'] }))).toEqual([
      ['PHONE_NUMBER', '(415) 555-2671'],
    ]);
  });

  it('never flags allow-listed values, whatever their separators and case', () => {
    const scanner = createPiiScanner({ allow: ['4111-1111-1111-1111', 'Support@Example.com'] });
    expect(entitiesIn('card 4111 1111 1111 1111, mail support@example.com, me@example.com', scanner)).toEqual([
      ['EMAIL_ADDRESS', 'me@example.com'],
    ]);
  });

  it('always flags deny-listed terms as whole words', () => {
    const scanner = createPiiScanner({ deny: ['Project Falcon', 'ann'] });
    expect(entitiesIn('About project falcon: ask Ann, not the annual report.', scanner)).toEqual([
      ['DENY_LIST', 'project falcon'],
      ['DENY_LIST', 'Ann'],
    ]);
  });

  it('adds custom RE2 entities', () => {
    const scanner = createPiiScanner({ custom: [{ entity: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}', score: 0.8 }] });
    const result = scanner.scan('badge EMP-004211 lost', ctx);
    expect(result.spans).toEqual([{ start: 6, end: 16, entity: 'EMPLOYEE_ID', score: 0.8 }]);
  });

  it('finds the UK and EU national ids by default, and only the listed ones when entities are given', () => {
    const text =
      'NINO AB 12 34 56 C; NHS number 943 476 5919; DNI 12345678Z; NIE X1234567L; CF RSSMRA85T10A562S; ' +
      'NIR 2 69 05 49 588 157 80; Steuer-ID 86095742719.';
    expect(entitiesIn(text)).toEqual([
      ['UK_NINO', 'AB 12 34 56 C'],
      ['UK_NHS', '943 476 5919'],
      ['ES_DNI', '12345678Z'],
      ['ES_NIE', 'X1234567L'],
      ['IT_FISCAL_CODE', 'RSSMRA85T10A562S'],
      ['FR_NIR', '2 69 05 49 588 157 80'],
      ['DE_TAX_ID', '86095742719'],
    ]);
    expect(entitiesIn(text, createPiiScanner({ entities: ['ES_DNI', 'ES_NIE'] }))).toEqual([
      ['ES_DNI', '12345678Z'],
      ['ES_NIE', 'X1234567L'],
    ]);
  });

  it('uses defaultRegion for national phone numbers', () => {
    expect(entitiesIn('tel 020 7946 0958', createPiiScanner({ defaultRegion: 'gb' }))).toEqual([
      ['PHONE_NUMBER', '020 7946 0958'],
    ]);
  });
});

describe('pii options schema', () => {
  const parse = (o: unknown) => piiScanner.options.safeParse(o);

  it('accepts an empty entry (all defaults)', () => {
    expect(parse({}).success).toBe(true);
  });

  it('rejects an invalid custom pattern with a message naming RE2', () => {
    const r = parse({ custom: [{ entity: 'X_ID', pattern: '(?<=x)\\d+' }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['custom', 0, 'pattern']);
    expect(r.error!.issues[0]!.message).toMatch(/invalid regular expression \(RE2 syntax/);
  });

  it('rejects a custom pattern that matches the empty string', () => {
    const r = parse({ custom: [{ entity: 'X_ID', pattern: '\\d*' }] });
    expect(r.error!.issues[0]!.message).toMatch(/empty string/);
  });

  it('rejects unknown entities, lower-case custom entity names, unknown regions and unknown keys', () => {
    expect(parse({ entities: ['EMAIL'] }).success).toBe(false);
    expect(parse({ custom: [{ entity: 'employee_id', pattern: 'E\\d+' }] }).error!.issues[0]!.message).toMatch(
      /UPPER_SNAKE_CASE/,
    );
    expect(parse({ defaultRegion: 'XX' }).error!.issues[0]!.message).toMatch(/ISO 3166/);
    expect(parse({ entites: ['EMAIL_ADDRESS'] }).success).toBe(false);
  });
});
