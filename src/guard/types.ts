/**
 * The guard's contracts: what a scanner is, what it returns, and what the pipeline (`createGuard`) decides.
 * Scanners are synchronous and pure over (text, context): the gateway's latency budget is ~1 ms per request, and
 * anything slow (rate-limit stores, upstream calls) lives outside them.
 */
import type { z } from 'zod';

export type Direction = 'input' | 'output';

/** Where a text sits in a conversation. `document` = retrieved context or tool results passed in the request. */
export type SegmentRole = 'system' | 'user' | 'assistant' | 'tool' | 'document';
export const SEGMENT_ROLES: readonly SegmentRole[] = ['system', 'user', 'assistant', 'tool', 'document'];

/** What a policy tells the pipeline to do when a scanner detects something. */
/**
 * `disclaimer` (output only) appends the scanner's `details.disclaimer` text to the response and never removes text:
 * Bedrock-Guardrails-style grounding checks warn rather than censor.
 */
export type ScannerAction = 'block' | 'redact' | 'mask' | 'tokenize' | 'flag' | 'disclaimer';
export const SCANNER_ACTIONS: readonly ScannerAction[] = ['block', 'redact', 'mask', 'tokenize', 'flag', 'disclaimer'];

/** What happened, per verdict and overall. Ranked: block > tokenize > redact > mask > disclaimer > flag > allow. */
export type GuardAction = 'allow' | 'flag' | 'disclaimer' | 'mask' | 'redact' | 'tokenize' | 'block';

export const ACTION_RANK: Record<GuardAction, number> = {
  allow: 0,
  flag: 1,
  disclaimer: 2,
  mask: 3,
  redact: 4,
  tokenize: 5,
  block: 6,
};

/** A finding inside a text. Offsets are UTF-16 code units into the text the scanner was given (end exclusive). */
export interface Span {
  start: number;
  end: number;
  /** Upper snake case type: `EMAIL_ADDRESS`, `CREDIT_CARD`, `US_SSN`, `AWS_ACCESS_KEY`, `PROMPT_INJECTION`… */
  entity: string;
  /** 0..1 confidence for this span. */
  score?: number;
  /**
   * A scanner that knows the safe form of the span (an HTML sanitiser, a URL stripper) sets it; the pipeline uses
   * it for `redact` instead of the typed placeholder.
   */
  replacement?: string;
}

/** Everything a scanner may look at besides the text itself. */
export interface ScanContext {
  direction: Direction;
  role: SegmentRole;
  /** Route name from the policy (`/v1/chat/completions`, `bedrock:converse`…) or `default`. */
  route: string;
  apiKeyId?: string;
  model?: string;
  /** The request's system prompt(s), joined with newlines (system-prompt leakage, canaries). */
  systemPrompt?: string;
  /** Canary token the pipeline inserted into the system prompt for this request, if any. */
  canary?: string;
  /** Retrieved documents and tool results present in the request (grounding, indirect injection). */
  context?: readonly string[];
  /** Interpreters the route declares the output goes to (`sql`, `shell`, `html`, `markdown`). */
  outputSinks?: readonly string[];
}

export interface ScanResult {
  /** 0..1: how strongly the text shows what the scanner looks for. The pipeline compares it with the threshold. */
  score: number;
  spans: Span[];
  /** Free-form, JSON-safe explanation (matched heuristic, classifier probability…). */
  details?: Record<string, unknown>;
}

export interface Scanner {
  readonly name: string;
  scan(text: string, ctx: ScanContext): ScanResult;
}

/**
 * How the policy builds a scanner. `options` validates the scanner-specific keys of its policy entry (the common
 * keys `action`, `threshold`, `enabled` are the pipeline's); errors name the policy line and field.
 */
export interface ScannerFactory<O = unknown> {
  name: string;
  description: string;
  /** OWASP LLM Top 10 2025 ids the scanner addresses (`LLM01`…). */
  owasp: readonly string[];
  directions: readonly Direction[];
  defaultAction: ScannerAction;
  /** Score at or above which the scanner counts as detected, unless the policy says otherwise. */
  defaultThreshold: number;
  options: z.ZodType<O>;
  create(options: O): Scanner;
}

/** One scanner's outcome on one request or response. */
export interface Verdict {
  scanner: string;
  /** The policy entry's `id`, when it set one (two `regex` entries, say). */
  id?: string;
  /** Highest score over the texts scanned. */
  score: number;
  /** What the pipeline did because of this scanner: `allow` when nothing was detected. */
  action: GuardAction;
  /** Spans found, with `segment` = index of the segment they are in. */
  spans: (Span & { segment: number })[];
  latencyMs: number;
  /** Set when the scanner threw; with fail mode `closed` the request is then blocked. */
  error?: string;
}
