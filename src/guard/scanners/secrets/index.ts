import { z } from 'zod';
import type { Scanner, ScannerFactory, ScanResult, Span } from '../../types.js';
import { allowKey, CustomEntitySchema, compileCustom, detectCustom } from '../pii/custom.js';
import { entityScanResult, NOTHING } from '../pii/entity-result.js';
import { detectAws } from './aws.js';
import { DEFAULT_ENTROPY, detectHighEntropy, type EntropySettings, hasTokenRun } from './entropy.js';
import { detectJwts } from './jwt.js';
import { detectPrivateKeys } from './private-key.js';
import { PROVIDER_ENTITIES, PROVIDER_REGEX, PROVIDER_TOKENS } from './providers.js';
import { detectUrlPasswords } from './url-password.js';

export const SECRET_ENTITIES: readonly string[] = [
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'PRIVATE_KEY',
  'JWT',
  'URL_PASSWORD',
  ...PROVIDER_ENTITIES,
  'HIGH_ENTROPY_STRING',
];

const SecretsOptions = z.strictObject({
  /** Entities to detect; default: all of them. */
  entities: z
    .array(z.enum(SECRET_ENTITIES as [string, ...string[]]))
    .min(1, 'list at least one entity, or leave entities out')
    .optional(),
  /** Values never flagged (exact, compared without case and separators): known test keys, public ids. */
  allow: z.array(z.string().min(1)).default([]),
  /** High-entropy detector tuning (see docs/guard-scanners-pii.md). */
  entropy: z
    .strictObject({
      minLength: z.int().min(8).max(512).default(DEFAULT_ENTROPY.minLength),
      minBits: z.number().min(1).max(6).default(DEFAULT_ENTROPY.minBits),
      minBitsWithCue: z.number().min(1).max(6).default(DEFAULT_ENTROPY.minBitsWithCue),
    })
    .default(DEFAULT_ENTROPY),
  /** Extra secret formats by RE2 pattern. */
  custom: z.array(CustomEntitySchema).default([]),
});
type SecretsOptions = z.infer<typeof SecretsOptions>;

export function createSecretsScanner(options: z.input<typeof SecretsOptions> = {}): Scanner {
  const o = SecretsOptions.parse(options);
  const entities = new Set(o.entities ?? SECRET_ENTITIES);
  const allow = new Set(o.allow.map(allowKey));
  const custom = compileCustom(o.custom);
  const wantProviders = PROVIDER_ENTITIES.some((e) => entities.has(e));
  const wantAws = entities.has('AWS_ACCESS_KEY') || entities.has('AWS_SECRET_KEY');
  const customEntities = new Set(o.custom.map((c) => c.entity));
  const wanted = (entity: string) => entities.has(entity) || customEntities.has(entity);
  return {
    name: 'secrets',
    scan(text: string): ScanResult {
      // Every built-in format is at least 20 characters long.
      if (text.length < 20 && custom.length === 0) return NOTHING;
      const spans: Span[] = [];
      if (wantAws) detectAws(text, spans);
      if (entities.has('PRIVATE_KEY')) detectPrivateKeys(text, spans);
      if (entities.has('JWT')) detectJwts(text, spans);
      if (entities.has('URL_PASSWORD')) detectUrlPasswords(text, spans);
      // Provider tokens and high-entropy strings lie in a run of 20+ token characters; prose has none, and one
      // quick pass saves the two scans that cost most.
      const tokenLike = hasTokenRun(text, MIN_TOKEN_RUN);
      if (wantProviders && tokenLike) detectProviderTokens(text, spans);
      if (custom.length) detectCustom(text, custom, spans);
      if (entities.has('HIGH_ENTROPY_STRING') && tokenLike) addGenericFindings(text, spans, o.entropy);
      return entityScanResult(text, spans, wanted, allow);
    },
  };
}

/** The entropy finding is generic: where a known format already matched the same characters, the format wins. */
function addGenericFindings(text: string, spans: Span[], settings: EntropySettings): void {
  const generic: Span[] = [];
  detectHighEntropy(text, generic, settings);
  for (const g of generic) if (!spans.some((s) => s.start < g.end && g.start < s.end)) spans.push(g);
}

/**
 * Shortest run of token characters ([A-Za-z0-9+/=_-]) in any provider token (a Slack `xoxb-123456-abcdefgh`) and in
 * any high-entropy finding (runs of 20–512).
 */
const MIN_TOKEN_RUN = 20;

function detectProviderTokens(text: string, out: Span[]): void {
  PROVIDER_REGEX.lastIndex = 0;
  for (let m = PROVIDER_REGEX.exec(text); m !== null; m = PROVIDER_REGEX.exec(text)) {
    const i = m.findIndex((g, k) => k > 0 && g !== undefined);
    const p = PROVIDER_TOKENS[i - 1];
    if (p) out.push({ start: m.index, end: m.index + m[0].length, entity: p.entity, score: p.score });
  }
}

export const secretsScanner: ScannerFactory<SecretsOptions> = {
  name: 'secrets',
  description:
    'Credentials (LLM02): AWS access/secret keys, private key blocks, JWTs, passwords in URLs, provider tokens ' +
    '(GitHub, GitLab, Slack, Stripe, OpenAI, Anthropic, Google, npm, Hugging Face…) and high-entropy strings.',
  owasp: ['LLM02'],
  directions: ['input', 'output'],
  defaultAction: 'redact',
  defaultThreshold: 0.5,
  options: SecretsOptions as z.ZodType<SecretsOptions>,
  create: (options) => createSecretsScanner(options),
};
