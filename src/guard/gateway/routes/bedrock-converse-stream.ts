/**
 * A ConverseStream answer, relayed frame by frame. Text deltas of each content block go through their own
 * `guard.streamOutput`; frames are forwarded unchanged while the guard releases the text as is, re-encoded when it
 * changed it, dropped while text is held back, and the held tail is sent as one more `contentBlockDelta` before the
 * block's `contentBlockStop`. A block stops the stream with an error frame the AWS SDK raises as an error named
 * `GuardBlockedException`; upstream faults become a `modelStreamErrorException` / `internalServerException` frame.
 * With a `tools:` policy, toolUse blocks are held until `messageStop`, checked together, then released, replaced by
 * a pending-approval text block (stopReason `end_turn`), or blocked.
 */
import type { OutputStream } from '../../guard-api.js';
import { pendingApprovalConverse, type ToolCall } from '../../tools/index.js';
import { errorFrame, eventFrame, exceptionFrame, type Frame, framePayload } from '../bedrock-eventstream.js';
import { GatewayError } from '../errors.js';
import { isObject } from '../text-slots.js';
import { checkToolCalls } from '../tool-checks.js';
import { interrupted } from '../upstream.js';
import { BedrockFrameRelay } from './bedrock-frame-relay.js';
import { BEDROCK_LABEL, recordConverseUsage } from './bedrock-upstream.js';

/** Tool input buffered per toolUse block; past this it is checked as over-long (and blocked). */
const MAX_BUFFERED_INPUT_CHARS = 1024 * 1024;

interface HeldToolUse {
  frames: Uint8Array[];
  id: string;
  name: string;
  input: string;
}

/** The stream exception a gateway fault becomes (members of the ConverseStream output union). */
export function streamExceptionType(e: GatewayError): string {
  switch (e.code) {
    case 'upstream_timeout':
    case 'upstream_stream_interrupted':
    case 'upstream_error':
      return 'modelStreamErrorException';
    case 'rate_limited':
      return 'throttlingException';
    default:
      return 'internalServerException';
  }
}

export class ConverseStreamRelay extends BedrockFrameRelay {
  private readonly texts = new Map<number, { stream: OutputStream; ended: boolean }>();
  private readonly tools = new Map<number, HeldToolUse>();
  private maxIndex = -1;
  private stopped = false;

  protected onUpstreamEnd(): void {
    if (this.splitter.partial || !this.stopped) this.fail(interrupted(BEDROCK_LABEL));
    else this.complete();
  }

  protected errorChunk(e: GatewayError): Uint8Array {
    if (e.code === 'guard_blocked') return errorFrame('GuardBlockedException', e.message);
    return exceptionFrame(streamExceptionType(e), e.message);
  }

  protected onFrame(f: Frame): void {
    if (f.messageType !== 'event') {
      // Bedrock's own in-stream exception: the client gets it as is; the stream is over.
      this.x.error ??= upstreamStreamError(f);
      this.send(f.raw);
      this.complete();
      return;
    }
    const payload = framePayload(f);
    const p = isObject(payload) ? payload : {};
    const index = typeof p.contentBlockIndex === 'number' ? p.contentBlockIndex : 0;
    if (index > this.maxIndex) this.maxIndex = index;
    switch (f.type) {
      case 'contentBlockStart': {
        const start = p.start;
        if (this.out.checker && isObject(start) && isObject(start.toolUse)) {
          const use = start.toolUse;
          this.tools.set(index, {
            frames: [f.raw],
            id: String(use.toolUseId ?? ''),
            name: String(use.name ?? ''),
            input: '',
          });
          return;
        }
        break;
      }
      case 'contentBlockDelta': {
        const held = this.tools.get(index);
        const delta = isObject(p.delta) ? p.delta : {};
        if (held) {
          held.frames.push(f.raw);
          const use = delta.toolUse;
          if (isObject(use) && typeof use.input === 'string' && held.input.length < MAX_BUFFERED_INPUT_CHARS) {
            held.input += use.input;
          }
          return;
        }
        if (typeof delta.text === 'string' && delta.text.length > 0) {
          const r = this.textStream(index).stream.push(delta.text);
          if (r.blocked) {
            this.block(r.decision!);
            return;
          }
          if (r.text === delta.text) break;
          if (r.text.length > 0)
            this.send(eventFrame('contentBlockDelta', { ...p, delta: { ...delta, text: r.text } }));
          return;
        }
        break;
      }
      case 'contentBlockStop': {
        const held = this.tools.get(index);
        if (held) {
          held.frames.push(f.raw);
          return;
        }
        this.endText(index);
        if (this.finished) return;
        break;
      }
      case 'messageStop': {
        this.stopped = true;
        for (const i of this.texts.keys()) {
          this.endText(i);
          if (this.finished) return;
        }
        if (this.tools.size > 0) {
          const approval = this.releaseTools();
          if (this.finished) return;
          if (approval) {
            this.send(eventFrame('messageStop', { ...p, stopReason: 'end_turn', steward: approval }));
            return;
          }
        }
        break;
      }
      case 'metadata':
        recordConverseUsage(this.x, p.usage);
        break;
    }
    this.send(f.raw);
  }

  private textStream(index: number): { stream: OutputStream; ended: boolean } {
    let st = this.texts.get(index);
    if (!st) {
      st = { stream: this.newOutputStream(), ended: false };
      this.texts.set(index, st);
    }
    return st;
  }

  /** Ends a text block's inspection and sends its held-back tail. */
  private endText(index: number): void {
    const st = this.texts.get(index);
    if (!st || st.ended) return;
    st.ended = true;
    const r = st.stream.end();
    if (r.blocked) {
      this.block(r.decision!);
      return;
    }
    if (r.decision) this.x.recordOutput(r.decision);
    if (r.text.length > 0)
      this.send(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { text: r.text } }));
  }

  /**
   * Checks the held toolUse blocks. Allowed: sends their frames. Needing approval: sends a text block saying so
   * and returns the approval details for `messageStop`. Blocked: fails the stream.
   */
  private releaseTools(): object | undefined {
    const held = [...this.tools.values()];
    const calls: ToolCall[] = held.map((t) => ({ id: t.id, name: t.name, arguments: parseInput(t.input) }));
    let outcome: ReturnType<typeof checkToolCalls>;
    try {
      outcome = checkToolCalls(this.x, this.out.checker!, calls, this.rt.metrics);
    } catch (e) {
      this.fail(e as GatewayError);
      return undefined;
    }
    if (outcome.decision === 'require_approval') {
      const pending = pendingApprovalConverse({ calls, verdicts: outcome.verdicts });
      const index = this.maxIndex + 1;
      const text = pending.output.message.content[0]!.text;
      this.send(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { text } }));
      this.send(eventFrame('contentBlockStop', { contentBlockIndex: index }));
      return pending.steward;
    }
    for (const t of held) for (const frame of t.frames) this.send(frame);
    return undefined;
  }
}

/** toolUse input arrives as JSON text in pieces; the checker validates the parsed value (or reports bad JSON). */
function parseInput(input: string): unknown {
  if (input.trim() === '') return {};
  return input;
}

function upstreamStreamError(f: Frame): GatewayError {
  const payload = framePayload(f);
  const message = isObject(payload) && typeof payload.message === 'string' ? payload.message : f.type;
  return new GatewayError('upstream_error', `${BEDROCK_LABEL} stream ${f.messageType} ${f.type}: ${message}`);
}
