/**
 * The policy file's shape. Scanner entries are validated in two passes: the keys every entry shares here, then the
 * scanner's own keys by its factory's `options` schema (see compile-policy.ts), so both kinds of error name a line.
 */
import { z } from 'zod';
import { SCANNER_ACTIONS, SEGMENT_ROLES } from '../types.js';
import { ToolsSchema } from './tools-schema.js';

export const FAIL_MODES = ['closed', 'open'] as const;
export type FailMode = (typeof FAIL_MODES)[number];

/** Keys the pipeline owns on every scanner entry; every other key belongs to the scanner. */
export const COMMON_ENTRY_KEYS = new Set(['scanner', 'id', 'action', 'threshold', 'enabled', 'on', 'restore']);

const snakeCase = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use snake_case, e.g. deny_hosts');

export const ScannerEntrySchema = z.looseObject({
  scanner: z.string().min(1),
  /** Names the entry when a list holds the same scanner twice; overrides match entries by `id ?? scanner`. */
  id: snakeCase.optional(),
  action: z.enum(SCANNER_ACTIONS).optional(),
  threshold: z.number().min(0).max(1).optional(),
  enabled: z.boolean().default(true),
  /** Segment roles this entry scans; see DEFAULT_ROLES. */
  on: z.array(z.enum(SEGMENT_ROLES)).min(1).optional(),
  /** With `action: tokenize`: put the originals back into the model's output for the same session. */
  restore: z.boolean().default(false),
});
export type ScannerEntryInput = z.infer<typeof ScannerEntrySchema>;

const positiveInt = z.int().positive();

export const LimitsSchema = z.strictObject({
  maxRequestBytes: positiveInt.optional(),
  maxTokens: positiveInt.optional(),
  requestsPerMinute: positiveInt.optional(),
  tokensPerMinute: positiveInt.optional(),
  tokenBudget: z.strictObject({ perDay: positiveInt }).optional(),
  timeoutMs: positiveInt.optional(),
});
export type Limits = z.infer<typeof LimitsSchema>;

/** The interpreters output-handling scanners know (see ScanContext.outputSinks). */
const OUTPUT_SINKS = ['sql', 'shell', 'html', 'markdown'] as const;

const ScannerList = z.array(ScannerEntrySchema);

/** What a route or API key may change; everything is optional and merges over the base (see resolve-policy.ts). */
export const OverrideSchema = z.strictObject({
  input: ScannerList.optional(),
  output: ScannerList.optional(),
  limits: LimitsSchema.optional(),
  outputSinks: z.array(z.enum(OUTPUT_SINKS)).optional(),
  failMode: z.enum(FAIL_MODES).optional(),
  canary: z.boolean().optional(),
  tools: ToolsSchema.optional(),
});
export type OverrideInput = z.infer<typeof OverrideSchema>;

export const PolicySchema = z.strictObject({
  version: z.literal(1).default(1),
  failMode: z.enum(FAIL_MODES).default('closed'),
  /**
   * Ask the gateway to append a per-session canary to the system prompt (`guard.withCanary`) for leak detection.
   * Absent: on exactly when an output entry runs `system_prompt_leak`.
   */
  canary: z.boolean().optional(),
  audit: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Write prompt and response texts into audit lines (off by default: audit logs are not a PII store). */
      includeText: z.boolean().default(false),
      /** File the gateway appends audit lines to; stdout when absent. */
      file: z.string().min(1).optional(),
    })
    .default({ enabled: true, includeText: false }),
  input: ScannerList.default([]),
  output: ScannerList.default([]),
  tools: ToolsSchema.optional(),
  limits: LimitsSchema.default({}),
  outputSinks: z.array(z.enum(OUTPUT_SINKS)).default([]),
  routes: z.record(z.string().min(1), OverrideSchema).default({}),
  apiKeys: z.record(z.string().min(1), OverrideSchema).default({}),
});
export type PolicyInput = z.input<typeof PolicySchema>;
export type PolicyDocument = z.infer<typeof PolicySchema>;
