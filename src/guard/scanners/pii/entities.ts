/** Entity names the `pii` scanner can emit; each becomes the `[ENTITY]` placeholder when redacted. */
export const PII_ENTITIES = [
  'EMAIL_ADDRESS',
  'PHONE_NUMBER',
  'CREDIT_CARD',
  'IBAN',
  'US_SSN',
  'US_ITIN',
  'UK_NINO',
  'UK_NHS',
  'ES_DNI',
  'ES_NIE',
  'IT_FISCAL_CODE',
  'FR_NIR',
  'DE_TAX_ID',
  'PASSPORT',
  'DRIVER_LICENSE',
  'IP_ADDRESS',
  'DATE_OF_BIRTH',
  'STREET_ADDRESS',
  'PERSON',
  'LOCATION',
] as const;

export type PiiEntity = (typeof PII_ENTITIES)[number];

/**
 * On unless the policy lists `entities`: every entity found by format + validator (+ cue word). PERSON and LOCATION
 * come from a statistical model with far lower precision (see docs/guard-scanners-pii.md), so they are opt-in.
 */
export const DEFAULT_PII_ENTITIES: readonly PiiEntity[] = PII_ENTITIES.filter(
  (e) => e !== 'PERSON' && e !== 'LOCATION',
);
