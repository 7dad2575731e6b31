/**
 * The Guard's public interface. The gateway and library users code against these types: change them only by adding
 * optional members.
 */
import type { EffectivePolicy } from './policy/compiled.js';
import type { GuardPolicy } from './policy/guard-policy.js';
import type { Direction, GuardAction, SegmentRole, Verdict } from './types.js';

/** One text of a request or response, with who it comes from. */
export interface Segment {
  role: SegmentRole;
  text: string;
}

export interface InspectInputRequest {
  /** Gateway route (`/v1/chat/completions`, `bedrock:converse`…) used to pick route overrides. */
  route?: string;
  /** Caller identity (an id, never the secret) used to pick `apiKeys` overrides and recorded in decisions. */
  apiKeyId?: string;
  model?: string;
  /** The request's texts in order. System segments give scanners the system prompt; document/tool ones the context. */
  segments: readonly Segment[];
}

export interface InspectOutputRequest {
  route?: string;
  apiKeyId?: string;
  model?: string;
  /** The model's texts; `role` defaults to `assistant`. */
  segments: readonly (Omit<Segment, 'role'> & { role?: SegmentRole })[];
  /** The request's system prompt (leakage scanners compare the output with it). */
  systemPrompt?: string;
  /** Retrieved documents / tool results of the request (grounding scanners). */
  context?: readonly string[];
}

export interface StreamOutputRequest extends Omit<InspectOutputRequest, 'segments'> {
  /** Role of the streamed text; `assistant` by default. */
  role?: SegmentRole;
  /**
   * Characters held back at the end of the stream so a span split across deltas is still caught whole (default
   * 64). Spans longer than this may be emitted partly before they are recognised.
   */
  holdBack?: number;
  /** Characters before the unreleased text that scanners also see, for context (default 512). */
  lookback?: number;
  /** Scan once at least this many characters are ready to release, not on every delta (default 32). */
  minRelease?: number;
}

export interface GuardDecision {
  direction: Direction;
  /** Highest-ranked action over the verdicts (see ACTION_RANK). */
  action: GuardAction;
  blocked: boolean;
  /** Set unless the action is `allow`; when blocked it names the scanner(s) and score(s) or the failure. */
  reason?: string;
  /** One per enabled scanner entry, in policy order. */
  verdicts: Verdict[];
  /** The texts after redact/mask/tokenize (and, on output, restored tokens), same order and roles as given. */
  segments: Segment[];
  /** Whether any segment text differs from what was given. */
  changed: boolean;
  /** The policy route that applied (`default` when none matched). */
  route: string;
  apiKeyId?: string;
  latencyMs: number;
}

/** What `push`/`end` of a streaming inspection return. */
export interface StreamChunk {
  /** Text safe to send to the client now (possibly empty while text is held back). */
  text: string;
  /** True once the stream must stop: send nothing more. */
  blocked: boolean;
  /** Present when the stream blocks and on `end()`: the decision over everything inspected. */
  decision?: GuardDecision;
}

export interface OutputStream {
  push(delta: string): StreamChunk;
  /** Inspects the whole text once more (full-text scanners), releases the held-back tail and gives the decision. */
  end(): StreamChunk;
  readonly blocked: boolean;
}

/**
 * Per-conversation state: the tokenize vault (`[EMAIL_ADDRESS_1]` ↔ original) and a canary token for the system
 * prompt. Not thread-shared; one per request or per conversation.
 */
export interface GuardSession {
  readonly id: string;
  /** A random marker to put in the system prompt (`guard.withCanary`); seeing it in output means leakage. */
  readonly canary: string;
  /** The token for `original` (same original, same token, for the session's life). */
  tokenize(entity: string, original: string, restorable: boolean): string;
  /** Replaces restorable tokens in `text` with their originals. */
  restore(text: string): string;
  /** Number of tokens issued. */
  readonly size: number;
  /** Whether any issued token may be restored (lets output skip the restore pass). */
  readonly restorable: boolean;
}

export interface CheckOptions {
  direction?: Direction;
  route?: string;
  apiKeyId?: string;
  /** Role of the text (default `user` for input, `assistant` for output). */
  role?: SegmentRole;
  systemPrompt?: string;
  context?: readonly string[];
}

export interface Guard {
  readonly policy: GuardPolicy;
  /** The resolved policy for a route and API key (limits, audit, tools, fail mode…), cached. */
  policyFor(route?: string, apiKeyId?: string): EffectivePolicy;
  inspectInput(request: InspectInputRequest, session?: GuardSession): GuardDecision;
  inspectOutput(request: InspectOutputRequest, session?: GuardSession): GuardDecision;
  streamOutput(request: StreamOutputRequest, session?: GuardSession): OutputStream;
  newSession(): GuardSession;
  /** The system prompt with the session's canary appended. */
  withCanary(systemPrompt: string, session: GuardSession): string;
  /** One text through the input (default) or output scanners: what `steward guard check` runs. */
  check(text: string, options?: CheckOptions): GuardDecision;
}
