import type { Scanner, ScannerAction, ScannerFactory, SegmentRole } from '../types.js';
import { SEGMENT_ROLES } from '../types.js';
import type { FailMode, Limits, PolicyDocument } from './schema.js';
import type { ToolsPolicy } from './tools-schema.js';

/** A scanner entry ready for the hot path: scanner instance built once, roles as a bit mask. */
export interface CompiledEntry {
  /** `id ?? scanner`: what route and API-key overrides match on. */
  readonly key: string;
  readonly id?: string;
  readonly factory: ScannerFactory;
  /** Absent when the entry is disabled (disabled entries only exist to switch a base entry off). */
  readonly scanner?: Scanner;
  readonly action: ScannerAction;
  readonly threshold: number;
  readonly roleMask: number;
  readonly restore: boolean;
  readonly enabled: boolean;
}

/** One level of the policy (the base, a route, an API key): what it sets, nothing for what it leaves alone. */
export interface PolicyLayer {
  input?: readonly CompiledEntry[];
  output?: readonly CompiledEntry[];
  limits?: Limits;
  outputSinks?: readonly string[];
  failMode?: FailMode;
  canary?: boolean;
  tools?: ToolsPolicy;
}

export type AuditSettings = PolicyDocument['audit'];

/** The policy that applies to one (route, API key) pair, resolved once and cached. */
export interface EffectivePolicy {
  /** The route key of the policy that matched, or `default`. */
  readonly route: string;
  /** The `apiKeys` entry that matched, if any. */
  readonly apiKeyId?: string;
  readonly failMode: FailMode;
  /** Whether the gateway should put the session canary into the system prompt (`guard.withCanary`). */
  readonly canary: boolean;
  /** Enabled entries only, in order. */
  readonly input: readonly CompiledEntry[];
  readonly output: readonly CompiledEntry[];
  readonly limits: Limits;
  readonly outputSinks: readonly string[];
  /** The merged `tools:` rules (compile with `compileToolPolicy` from src/guard/tools; cached per object). */
  readonly tools?: ToolsPolicy;
  readonly audit: AuditSettings;
}

const ROLE_BIT = new Map(SEGMENT_ROLES.map((r, i) => [r, 1 << i] as const));
const USER_BIT = ROLE_BIT.get('user')!;

/** A role the guard does not know (a JS caller's `function`) counts as `user`: unknown text is never unscanned. */
export function roleBit(role: SegmentRole): number {
  return ROLE_BIT.get(role) ?? USER_BIT;
}

export function roleMaskOf(roles: readonly SegmentRole[]): number {
  let mask = 0;
  for (const r of roles) mask |= roleBit(r);
  return mask;
}

/** Scanned unless the entry says otherwise: everything but the system prompt, which the operator wrote. */
export const DEFAULT_ROLES: readonly SegmentRole[] = ['user', 'assistant', 'tool', 'document'];
export const DEFAULT_ROLE_MASK = roleMaskOf(DEFAULT_ROLES);
