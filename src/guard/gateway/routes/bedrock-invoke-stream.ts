/**
 * An InvokeModelWithResponseStream answer, relayed chunk by chunk. Each `chunk` event carries the model family's
 * own JSON (base64 in `bytes`); its texts (modelTextSlots) go through one `guard.streamOutput`. Because the family's
 * format is not known, the gateway adds no chunks of its own: it holds the latest text-bearing chunk back and
 * appends the guard's held tail to it when the text ends (a chunk without text arrives, or the stream ends). A
 * block stops the stream with an error frame raised as `GuardBlockedException`. Tool calls cannot be assembled
 * model-neutrally here, so with a `tools:` policy a streamed tool call is blocked (use ConverseStream).
 */
import type { OutputStream } from '../../guard-api.js';
import { errorFrame, eventFrame, exceptionFrame, type Frame, framePayload } from '../bedrock-eventstream.js';
import { GatewayError } from '../errors.js';
import { isObject, slotText, type TextSlot } from '../text-slots.js';
import { interrupted } from '../upstream.js';
import { BedrockFrameRelay } from './bedrock-frame-relay.js';
import { BEDROCK_LABEL, recordInvokeTokens } from './bedrock-upstream.js';
import { modelTextSlots } from './model-text.js';

interface HeldChunk {
  frame: Frame;
  payload: Record<string, unknown>;
  doc: unknown;
  slots: TextSlot[];
  changed: boolean;
}

export class InvokeStreamRelay extends BedrockFrameRelay {
  private stream?: OutputStream;
  private held?: HeldChunk;

  protected onUpstreamEnd(): void {
    this.endText();
    if (this.finished) return;
    if (this.splitter.partial) this.fail(interrupted(BEDROCK_LABEL));
    else this.complete();
  }

  protected errorChunk(e: GatewayError): Uint8Array {
    if (e.code === 'guard_blocked') return errorFrame('GuardBlockedException', e.message);
    if (e.code === 'upstream_timeout') return exceptionFrame('modelTimeoutException', e.message);
    if (e.code === 'upstream_stream_interrupted' || e.code === 'upstream_error') {
      return exceptionFrame('modelStreamErrorException', e.message);
    }
    return exceptionFrame('internalServerException', e.message);
  }

  protected onFrame(f: Frame): void {
    if (f.messageType !== 'event' || f.type !== 'chunk') {
      this.endText();
      if (this.finished) return;
      this.send(f.raw);
      if (f.messageType !== 'event') {
        const payload = framePayload(f);
        const message = isObject(payload) && typeof payload.message === 'string' ? payload.message : f.type;
        this.x.error ??= new GatewayError('upstream_error', `${BEDROCK_LABEL} stream ${f.type}: ${message}`);
        this.complete();
      }
      return;
    }
    const payload = framePayload(f);
    if (!isObject(payload) || typeof payload.bytes !== 'string') {
      throw new GatewayError('upstream_invalid_response', `${BEDROCK_LABEL} sent a stream chunk without bytes`);
    }
    let doc: unknown;
    try {
      doc = JSON.parse(Buffer.from(payload.bytes, 'base64').toString('utf8'));
    } catch {
      throw new GatewayError(
        'upstream_invalid_response',
        `${BEDROCK_LABEL} sent a stream chunk that is not JSON; the guard cannot inspect it`,
      );
    }
    if (isObject(doc)) {
      const metrics = doc['amazon-bedrock-invocationMetrics'];
      if (isObject(metrics)) recordInvokeTokens(this.x, metrics.inputTokenCount, metrics.outputTokenCount);
      if (this.out.checker && startsToolUse(doc)) {
        this.x.blockedBy = 'tools';
        this.x.blockReason = 'blocked by tools: streamed InvokeModel tool call';
        throw new GatewayError(
          'guard_blocked',
          'response blocked by tools: tool calls in InvokeModelWithResponseStream cannot be checked; use ConverseStream',
        );
      }
    }
    const slots = modelTextSlots(doc, 'output').filter((s) => slotText(s).length > 0);
    if (slots.length === 0) {
      this.endText();
      if (this.finished) return;
      this.send(f.raw);
      return;
    }
    this.stream ??= this.newOutputStream();
    let released = '';
    let original = '';
    for (const slot of slots) {
      const text = slotText(slot);
      original += text;
      const r = this.stream.push(text);
      if (r.blocked) {
        this.block(r.decision!);
        return;
      }
      released += r.text;
    }
    setSlots(slots, released);
    if (this.held) this.send(encode(this.held));
    this.held = { frame: f, payload, doc, slots, changed: slots.length > 1 || released !== original };
  }

  /** Ends the current text run: the tail goes into the held chunk, which is sent. */
  private endText(): void {
    const stream = this.stream;
    if (!stream) return;
    this.stream = undefined;
    const r = stream.end();
    if (r.blocked) {
      this.block(r.decision!);
      return;
    }
    if (r.decision) this.x.recordOutput(r.decision);
    const held = this.held;
    this.held = undefined;
    if (!held) return;
    if (r.text.length > 0) {
      const first = held.slots[0]!;
      (first.holder as Record<string | number, unknown>)[first.key] = slotText(first) + r.text;
      held.changed = true;
    }
    this.send(encode(held));
  }
}

function setSlots(slots: readonly TextSlot[], text: string): void {
  slots.forEach((slot, i) => {
    (slot.holder as Record<string | number, unknown>)[slot.key] = i === 0 ? text : '';
  });
}

function encode(held: HeldChunk): Uint8Array {
  if (!held.changed) return held.frame.raw;
  return eventFrame('chunk', { ...held.payload, bytes: Buffer.from(JSON.stringify(held.doc)).toString('base64') });
}

/** Anthropic `content_block_start` of a `tool_use`, or Nova `contentBlockStart.start.toolUse`. */
function startsToolUse(doc: Record<string, unknown>): boolean {
  if (isObject(doc.content_block) && doc.content_block.type === 'tool_use') return true;
  const start = doc.contentBlockStart;
  return isObject(start) && isObject(start.start) && isObject(start.start.toolUse);
}
