import { type CountryCode, isSupportedCountry } from 'libphonenumber-js/max';
import { z } from 'zod';
import type { Scanner, ScannerFactory, ScanResult, Span } from '../../types.js';
import { creditCardDetector } from './credit-card.js';
import { allowKey, CustomEntitySchema, compileCustom, compileDenyList, detectCustom, detectDenied } from './custom.js';
import { dateOfBirthDetector } from './date-of-birth.js';
import { deTaxIdDetector } from './de-tax-id.js';
import type { Detector, DetectorSettings } from './detector.js';
import { driverLicenseDetector } from './driver-license.js';
import { emailDetector } from './email.js';
import { DEFAULT_PII_ENTITIES, PII_ENTITIES } from './entities.js';
import { entityScanResult, NOTHING } from './entity-result.js';
import { esDniDetector } from './es-dni.js';
import { frNirDetector } from './fr-nir.js';
import { ibanDetector } from './iban.js';
import { ipAddressDetector } from './ip-address.js';
import { itFiscalCodeDetector } from './it-fiscal-code.js';
import { personNameDetector } from './names/person-name.js';
import { passportDetector } from './passport.js';
import { phoneDetector } from './phone.js';
import { digitLevel, digitLevelOf, digitStepsOf, triggersOf } from './prefilter.js';
import { TextScanState } from './scan-state.js';
import { streetAddressDetector } from './street-address.js';
import { ukNhsDetector } from './uk-nhs.js';
import { ukNinoDetector } from './uk-nino.js';
import { usSsnDetector } from './us-ssn.js';

export { DEFAULT_PII_ENTITIES, PII_ENTITIES, type PiiEntity } from './entities.js';

/** Order matters only for ties in overlap resolution (equal score and length): earlier detectors win. */
const DETECTORS: readonly Detector[] = [
  emailDetector,
  creditCardDetector,
  ibanDetector,
  usSsnDetector,
  ukNinoDetector,
  ukNhsDetector,
  esDniDetector,
  itFiscalCodeDetector,
  frNirDetector,
  deTaxIdDetector,
  passportDetector,
  driverLicenseDetector,
  dateOfBirthDetector,
  ipAddressDetector,
  phoneDetector,
  streetAddressDetector,
  personNameDetector,
];

const PiiOptions = z.strictObject({
  /** Entities to detect; default: every structured entity (all but PERSON and LOCATION). */
  entities: z.array(z.enum(PII_ENTITIES)).min(1, 'list at least one entity, or leave entities out').optional(),
  /** Values never flagged (compared without case, spaces, dashes, dots and parentheses). */
  allow: z.array(z.string().min(1)).default([]),
  /** Terms always flagged, as entity DENY_LIST (literal, case-insensitive, whole words). */
  deny: z.array(z.string().min(1)).default([]),
  /** Extra entities by RE2 pattern. */
  custom: z.array(CustomEntitySchema).default([]),
  /** Region for phone numbers written without `+country code` (ISO 3166 alpha-2). */
  defaultRegion: z
    .string()
    .transform((s) => s.toUpperCase())
    .refine(isSupportedCountry, 'use an ISO 3166 alpha-2 region libphonenumber knows, e.g. US, GB, DE')
    .default('US'),
});
type PiiOptions = z.infer<typeof PiiOptions>;

/**
 * One text that reaches every detector. Scanning it once when the first scanner is built moves V8's regex
 * compilation and libphonenumber's metadata set-up (~100 ms together) from the first request to policy load.
 */
const WARM_UP =
  'jane@example.com (415) 555-2671 +44 20 7946 0958 card 4111 1111 1111 1111 DE89 3704 0044 0532 0130 00 ' +
  'SSN 123-45-6789 passport 123456789 DL D1234567 DOB: 1985-03-14 203.0.113.7 2001:db8::1 ' +
  'NINO AB 12 34 56 C, NHS 943 476 5919, DNI 12345678Z, CF RSSMRA85T10A562S, NIR 2 69 05 49 588 157 80, ' +
  'Steuer-ID 86095742719 ' +
  'at 42 Wallaby Way, Hauptstraße 5, Via Roma 10. Ada Lovelace visited Paris.';
let warmedUp = false;

/** Builds the scanner from parsed options (also used directly by benchmarks and tests). */
export function createPiiScanner(options: z.input<typeof PiiOptions> = {}): Scanner {
  const parsed = PiiOptions.parse(options);
  const entities = new Set<string>(parsed.entities ?? DEFAULT_PII_ENTITIES);
  const detectors = DETECTORS.filter((d) => d.entities.some((e) => entities.has(e)));
  const allow = new Set(parsed.allow.map(allowKey));
  const deny = compileDenyList(parsed.deny);
  const custom = compileCustom(parsed.custom);
  const settings: DetectorSettings = { defaultRegion: parsed.defaultRegion as CountryCode };
  const needed = detectors.reduce((flags, d) => flags | d.needs, 0);
  const digitSteps = digitStepsOf(detectors);
  // One object shape for every step: the per-text loop's field reads stay monomorphic (reading `detect` off the
  // detectors themselves, each of its own shape, cost ~20 ns a call in the profile).
  const steps = detectors.map((d) => ({ needs: d.needs, digits: digitLevelOf(d), detect: d.detect.bind(d) }));
  const state = new TextScanState(settings);
  const scratch: Span[] = [];
  // Custom and deny-list entities are always reported; built-in ones only when enabled.
  const wanted = (entity: string) => entities.has(entity) || !isBuiltin(entity);
  const scanner: Scanner = {
    name: 'pii',
    scan(text: string): ScanResult {
      if (text.length === 0) return NOTHING;
      const digits = digitLevel(text, digitSteps);
      const flags = triggersOf(text, needed, digits);
      // Reused per scanner (scans are synchronous): entityScanResult copies the spans it keeps.
      const spans = scratch;
      spans.length = 0;
      state.reset(text);
      for (const step of steps) {
        if ((step.needs & flags) === step.needs && step.digits <= digits) step.detect(text, spans, state);
      }
      if (custom.length) detectCustom(text, custom, spans);
      if (deny) detectDenied(text, deny, spans);
      return entityScanResult(text, spans, wanted, allow);
    },
  };
  if (!warmedUp) {
    warmedUp = true;
    createPiiScanner({ entities: [...PII_ENTITIES] }).scan(WARM_UP, WARM_UP_CONTEXT);
  }
  return scanner;
}

const WARM_UP_CONTEXT = { direction: 'input', role: 'user', route: 'default' } as const;

const BUILTIN = new Set<string>(PII_ENTITIES);
function isBuiltin(entity: string): boolean {
  return BUILTIN.has(entity);
}

export const piiScanner: ScannerFactory<PiiOptions> = {
  name: 'pii',
  description:
    'Personal data (LLM02): e-mail, phone, payment card, IBAN, US SSN/ITIN, UK NINO/NHS, ES DNI/NIE, IT codice ' +
    'fiscale, FR NIR, DE Steuer-ID, passport, driving licence, IP, date of birth, street address (validators + cue ' +
    'words), opt-in PERSON/LOCATION model, custom RE2 entities, deny/allow lists.',
  owasp: ['LLM02'],
  directions: ['input', 'output'],
  defaultAction: 'redact',
  defaultThreshold: 0.5,
  options: PiiOptions as z.ZodType<PiiOptions>,
  create: (options) => createPiiScanner(options),
};
