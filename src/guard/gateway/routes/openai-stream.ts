/**
 * A streamed Chat Completions answer, relayed event by event. Each choice's `delta.content` goes through its own
 * `guard.streamOutput`, so the client gets text only once the output scanners have seen it (a short tail is held
 * back to catch values split across deltas). When a choice finishes, the held tail is released in the finishing
 * chunk. A block stops the stream mid-way with
 *
 *   data: {"error":{"message":"response blocked by …","type":"invalid_request_error","code":"guard_blocked","param":null}}
 *   data: [DONE]
 *
 * which the official SDKs raise as an APIError. With a `tools:` policy, tool-call deltas are held until the choice
 * finishes, checked, and then sent whole (allowed), replaced by the pending-approval chunks, or blocked.
 */
import type { GuardDecision, OutputStream } from '../../guard-api.js';
import { pendingApprovalChunks, type ToolCall } from '../../tools/index.js';
import { GatewayError, openaiErrorBody } from '../errors.js';
import { SSE_DONE, type SseEvent, SseParser, sseData } from '../sse.js';
import { StreamRelay } from '../stream-relay.js';
import { isObject } from '../text-slots.js';
import { checkToolCalls } from '../tool-checks.js';
import { interrupted } from '../upstream.js';
import { recordUsage } from './openai-usage.js';

const LABEL = 'the upstream';
/** Tool-call arguments buffered per call; past this the call is checked as over-long (and blocked). */
const MAX_BUFFERED_ARGUMENT_CHARS = 1024 * 1024;

interface HeldToolCall {
  id: string;
  type: string;
  name: string;
  args: string;
}

interface ChoiceState {
  stream: OutputStream;
  ended: boolean;
  /** Present when the policy checks tool calls: the calls being assembled from deltas. */
  tools?: Map<number, HeldToolCall>;
}

export class OpenAIStreamRelay extends StreamRelay {
  protected readonly label = LABEL;
  private readonly parser = new SseParser();
  private readonly choices = new Map<number, ChoiceState>();
  /** id/object/created/model of the stream, for the chunks the gateway adds. */
  private meta: Record<string, unknown> = {};

  protected onChunk(chunk: Buffer): void {
    let events: SseEvent[];
    try {
      events = this.parser.push(chunk);
    } catch (e) {
      throw new GatewayError('upstream_invalid_response', (e as Error).message);
    }
    for (const ev of events) {
      this.onEvent(ev);
      if (this.finished) return;
    }
  }

  protected onUpstreamEnd(): void {
    // Some compatible servers omit `[DONE]`: a stream whose choices all finished ended normally.
    const allFinished = this.choices.size > 0 && [...this.choices.values()].every((c) => c.ended);
    if (allFinished && !this.parser.partial) this.endStream();
    else this.fail(interrupted(LABEL));
  }

  protected errorChunk(e: GatewayError): string {
    return sseData(JSON.stringify(openaiErrorBody(e))) + SSE_DONE;
  }

  private onEvent(ev: SseEvent): void {
    if (ev.data === '[DONE]') {
      this.endStream();
      return;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(ev.data);
    } catch {
      throw new GatewayError('upstream_invalid_response', `${LABEL} sent a stream event that is not JSON`);
    }
    if (!isObject(chunk))
      throw new GatewayError('upstream_invalid_response', `${LABEL} sent a stream event that is not an object`);
    if (isObject(chunk.error)) {
      // The upstream failed in-band: pass its error on and stop.
      const message = typeof chunk.error.message === 'string' ? chunk.error.message : 'upstream stream error';
      this.x.error ??= new GatewayError('upstream_error', message);
      this.send(sseData(ev.data) + SSE_DONE);
      this.complete();
      return;
    }
    if (this.meta.id === undefined) {
      this.meta = {
        id: chunk.id,
        object: chunk.object ?? 'chat.completion.chunk',
        created: chunk.created,
        model: chunk.model,
      };
    }
    if (chunk.usage !== undefined && chunk.usage !== null) recordUsage(this.x, chunk.usage);
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    let modified = false;
    let emit = choices.length === 0;
    for (const c of choices) {
      if (!isObject(c)) {
        emit = true;
        continue;
      }
      const index = typeof c.index === 'number' ? c.index : 0;
      const st = this.choice(index);
      if (st.ended) {
        emit = true;
        continue;
      }
      let delta = isObject(c.delta) ? c.delta : undefined;
      if (delta && typeof delta.content === 'string' && delta.content.length > 0) {
        const r = st.stream.push(delta.content);
        if (r.blocked) {
          this.block(r.decision!);
          return;
        }
        if (r.text !== delta.content) {
          delta.content = r.text;
          modified = true;
        }
      }
      if (delta && st.tools && Array.isArray(delta.tool_calls)) {
        collectToolDeltas(st.tools, delta.tool_calls);
        delete delta.tool_calls;
        modified = true;
      }
      if (c.finish_reason !== null && c.finish_reason !== undefined) {
        const tail = this.endChoice(st);
        if (this.finished) return;
        if (tail) {
          delta ??= c.delta = {};
          delta.content = (typeof delta.content === 'string' ? delta.content : '') + tail;
          modified = true;
        }
        if (st.tools?.size) {
          const assembled = this.checkTools(st.tools);
          if (this.finished) return;
          delta ??= c.delta = {};
          delta.tool_calls = assembled;
          modified = true;
        }
      }
      if (!isEmptyChoice(c)) emit = true;
    }
    if (emit) this.send(modified ? sseData(JSON.stringify(chunk)) : sseData(ev.data));
  }

  /** `[DONE]`: finishes choices the upstream left open (releasing their tails), then ends the stream. */
  private endStream(): void {
    for (const [index, st] of this.choices) {
      if (st.ended) continue;
      const tail = this.endChoice(st);
      if (this.finished) return;
      const delta: Record<string, unknown> = {};
      if (tail) delta.content = tail;
      if (st.tools?.size) {
        delta.tool_calls = this.checkTools(st.tools);
        if (this.finished) return;
      }
      if (Object.keys(delta).length > 0) {
        this.send(sseData(JSON.stringify({ ...this.meta, choices: [{ index, delta, finish_reason: null }] })));
      }
    }
    this.send(SSE_DONE);
    this.complete();
  }

  private choice(index: number): ChoiceState {
    let st = this.choices.get(index);
    if (!st) {
      st = { stream: this.newOutputStream(), ended: false, tools: this.out.checker ? new Map() : undefined };
      this.choices.set(index, st);
    }
    return st;
  }

  /** Ends a choice's inspection: its held-back tail, or '' (and the stream failed) when the end blocked. */
  private endChoice(st: ChoiceState): string {
    st.ended = true;
    const r = st.stream.end();
    if (r.blocked) {
      this.block(r.decision!);
      return '';
    }
    if (r.decision) this.recordDecision(r.decision);
    return r.text;
  }

  private recordDecision(decision: GuardDecision): void {
    this.x.recordOutput(decision);
  }

  /**
   * Checks a finished choice's tool calls. Allowed: returns them as one `tool_calls` delta. Blocked: fails the
   * stream. Needing approval: sends the pending-approval chunks and ends the stream.
   */
  private checkTools(held: Map<number, HeldToolCall>): unknown[] {
    const calls: ToolCall[] = [...held.values()].map((t) => ({ id: t.id, name: t.name, arguments: t.args }));
    let outcome: ReturnType<typeof checkToolCalls>;
    try {
      outcome = checkToolCalls(this.x, this.out.checker!, calls, this.rt.metrics);
    } catch (e) {
      this.fail(e as GatewayError);
      return [];
    }
    if (outcome.decision === 'require_approval') {
      const model = String(this.x.model ?? this.meta.model ?? '');
      for (const c of pendingApprovalChunks({ model, calls, verdicts: outcome.verdicts }))
        this.send(sseData(JSON.stringify(c)));
      this.send(SSE_DONE);
      this.complete();
      return [];
    }
    return [...held].map(([index, t]) => ({
      index,
      id: t.id,
      type: t.type,
      function: { name: t.name, arguments: t.args },
    }));
  }
}

function collectToolDeltas(held: Map<number, HeldToolCall>, deltas: unknown[]): void {
  for (const d of deltas) {
    if (!isObject(d)) continue;
    const index = typeof d.index === 'number' ? d.index : 0;
    let call = held.get(index);
    if (!call) {
      call = { id: '', type: 'function', name: '', args: '' };
      held.set(index, call);
    }
    if (typeof d.id === 'string') call.id = d.id;
    if (typeof d.type === 'string') call.type = d.type;
    const fn = d.function;
    if (isObject(fn)) {
      if (typeof fn.name === 'string') call.name += fn.name;
      if (typeof fn.arguments === 'string' && call.args.length < MAX_BUFFERED_ARGUMENT_CHARS) call.args += fn.arguments;
    }
  }
}

/** A choice with nothing to tell the client (its text is all held back): the chunk can be skipped. */
function isEmptyChoice(c: Record<string, unknown>): boolean {
  if (c.finish_reason !== null && c.finish_reason !== undefined) return false;
  if (c.logprobs !== null && c.logprobs !== undefined) return false;
  const delta = c.delta;
  if (!isObject(delta)) return true;
  for (const k in delta) {
    const v = delta[k];
    if (v !== null && v !== undefined && v !== '') return false;
  }
  return true;
}
