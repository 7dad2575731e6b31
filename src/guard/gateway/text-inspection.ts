/**
 * The guard's pass over a route's texts, the same for every API the gateway speaks: the request's texts through the
 * input scanners (plus the session canary), the answer's texts through the output scanners. Each route only says
 * where its texts are (TextSlots).
 */
import type { GuardSession } from '../guard-api.js';
import { type Exchange, insertCanary, wantsCanary } from './exchange.js';
import type { GatewayRuntime } from './runtime.js';
import { contextOf, slotSegments, systemPromptOf, type TextSlot, writeBack } from './text-slots.js';

/** What output inspection needs from the request, and whether the request's texts were rewritten. */
export interface InspectedRequest {
  session: GuardSession;
  systemPrompt?: string;
  context?: string[];
  /** The input scanners or the canary changed a text: the request must be re-serialised. */
  changed: boolean;
}

/** Runs the input scanners on the request's texts (throws `guard_blocked`) and inserts the canary if asked. */
export function inspectRequestTexts(rt: GatewayRuntime, x: Exchange, slots: readonly TextSlot[]): InspectedRequest {
  const session = rt.guard.newSession();
  const input = x.inspectInput(rt.guard, slots, session);
  let changed = input.changed;
  const systemPrompt = systemPromptOf(input.segments);
  const context = contextOf(input.segments);
  if (wantsCanary(x.policy)) changed = insertCanary(slots, rt.guard, session) || changed;
  return { session, systemPrompt, context, changed };
}

/**
 * Runs the output scanners on a whole answer's texts (throws `guard_blocked`) and writes their changes back.
 * Returns whether a text changed (the answer must be re-serialised).
 */
export function inspectAnswerTexts(
  rt: GatewayRuntime,
  x: Exchange,
  slots: readonly TextSlot[],
  request: Omit<InspectedRequest, 'changed'>,
): boolean {
  const { session, systemPrompt, context } = request;
  const decision = rt.guard.inspectOutput(
    { route: x.route, apiKeyId: x.apiKeyId, model: x.model, segments: slotSegments(slots), systemPrompt, context },
    session,
  );
  x.recordOutput(decision);
  return decision.changed && writeBack(slots, decision.segments);
}
