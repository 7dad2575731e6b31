import { join } from 'node:path';
import { UserError } from '../util/errors.js';
import { packageRoot } from '../util/package-root.js';
import type {
  CheckOptions,
  Guard,
  GuardDecision,
  GuardSession,
  InspectInputRequest,
  InspectOutputRequest,
  OutputStream,
  Segment,
  StreamOutputRequest,
} from './guard-api.js';
import { inspect } from './pipeline/inspect.js';
import { StreamInspector } from './pipeline/stream-inspector.js';
import type { EffectivePolicy } from './policy/compiled.js';
import { GuardPolicy } from './policy/guard-policy.js';
import { loadPolicy, parsePolicy, policyFromObject } from './policy/load-policy.js';
import type { PolicyInput } from './policy/schema.js';
import { Session, systemPromptWithCanary } from './session/session.js';
import type { Direction, ScanContext, ScannerFactory } from './types.js';

export interface CreateGuardOptions {
  /** A policy object (validated like a file) or one already loaded with `loadPolicy`. */
  policy?: PolicyInput | GuardPolicy;
  /** Path of a policy YAML file. */
  policyFile?: string;
  /** Policy YAML text. */
  policyText?: string;
  /** Your own scanner factories, usable by name in the policy next to the built-in ones. */
  scanners?: readonly ScannerFactory[];
}

/** The policy used when none is given: the commented example shipped with Steward. */
export function defaultPolicyFile(): string {
  return join(packageRoot(), 'examples', 'guard', 'policy.yaml');
}

export function createGuard(options: CreateGuardOptions = {}): Guard {
  const given = [options.policy, options.policyFile, options.policyText].filter((p) => p !== undefined).length;
  if (given > 1) throw new UserError('createGuard: pass one of policy, policyFile or policyText, not several');
  const load = { scanners: options.scanners };
  const policy =
    options.policy instanceof GuardPolicy
      ? options.policy
      : options.policy !== undefined
        ? policyFromObject(options.policy, 'policy', load)
        : options.policyText !== undefined
          ? parsePolicy(options.policyText, 'policy', load)
          : loadPolicy(options.policyFile ?? defaultPolicyFile(), load);
  return new PolicyGuard(policy);
}

class PolicyGuard implements Guard {
  constructor(readonly policy: GuardPolicy) {}

  policyFor(route?: string, apiKeyId?: string): EffectivePolicy {
    return this.policy.resolve(route, apiKeyId);
  }

  newSession(): GuardSession {
    return new Session();
  }

  withCanary(systemPrompt: string, session: GuardSession): string {
    return systemPromptWithCanary(systemPrompt, session.canary);
  }

  inspectInput(request: InspectInputRequest, session?: GuardSession): GuardDecision {
    const policy = this.policy.resolve(request.route, request.apiKeyId);
    const { segments } = request;
    let systemPrompt: string | undefined;
    let context: string[] | undefined;
    for (const s of segments) {
      if (s.role === 'system') systemPrompt = systemPrompt === undefined ? s.text : `${systemPrompt}\n${s.text}`;
      else if (s.role === 'document' || s.role === 'tool') {
        context ??= [];
        context.push(s.text);
      }
    }
    const ctx = scanContext('input', policy, request, session, systemPrompt, context);
    return inspect('input', policy, segments, ctx, session, request.apiKeyId);
  }

  inspectOutput(request: InspectOutputRequest, session?: GuardSession): GuardDecision {
    const policy = this.policy.resolve(request.route, request.apiKeyId);
    const segments: Segment[] = request.segments.map((s) =>
      s.role === undefined ? { role: 'assistant', text: s.text } : (s as Segment),
    );
    const ctx = scanContext('output', policy, request, session, request.systemPrompt, request.context);
    return inspect('output', policy, segments, ctx, session, request.apiKeyId);
  }

  streamOutput(request: StreamOutputRequest, session?: GuardSession): OutputStream {
    const policy = this.policy.resolve(request.route, request.apiKeyId);
    const ctx = scanContext('output', policy, request, session, request.systemPrompt, request.context);
    const holdBack = nonNegative(request.holdBack, 64, 'holdBack');
    return new StreamInspector(policy, ctx, session, request.apiKeyId, {
      role: request.role ?? 'assistant',
      holdBack,
      lookback: Math.max(holdBack, nonNegative(request.lookback, 512, 'lookback')),
      minRelease: Math.max(1, nonNegative(request.minRelease, 32, 'minRelease')),
    });
  }

  check(text: string, options: CheckOptions = {}): GuardDecision {
    const direction = options.direction ?? 'input';
    if (direction === 'output') {
      return this.inspectOutput({
        route: options.route,
        apiKeyId: options.apiKeyId,
        segments: [{ role: options.role ?? 'assistant', text }],
        systemPrompt: options.systemPrompt,
        context: options.context,
      });
    }
    const segments: Segment[] = [];
    if (options.systemPrompt !== undefined) segments.push({ role: 'system', text: options.systemPrompt });
    for (const c of options.context ?? []) segments.push({ role: 'document', text: c });
    segments.push({ role: options.role ?? 'user', text });
    const d = this.inspectInput({ route: options.route, apiKeyId: options.apiKeyId, segments });
    // `check` is about the one text it was given: drop the context segments it added around it.
    return segments.length === 1 ? d : { ...d, segments: d.segments.slice(-1) };
  }
}

function scanContext(
  direction: Direction,
  policy: EffectivePolicy,
  request: { apiKeyId?: string; model?: string },
  session: GuardSession | undefined,
  systemPrompt: string | undefined,
  context: readonly string[] | undefined,
): ScanContext {
  return {
    direction,
    role: direction === 'input' ? 'user' : 'assistant',
    route: policy.route,
    apiKeyId: request.apiKeyId,
    model: request.model,
    systemPrompt,
    // Only a canary that was handed out (withCanary) can show up in output; do not draw one just to look for it.
    canary: session && (!(session instanceof Session) || session.hasCanary) ? session.canary : undefined,
    context,
    outputSinks: policy.outputSinks,
  };
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new UserError(`streamOutput: ${name} must be a number ≥ 0`);
  return Math.floor(value);
}
