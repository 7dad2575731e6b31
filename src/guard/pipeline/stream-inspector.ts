/**
 * Incremental output inspection for streamed responses (SSE, ConverseStream). Each `push` scans a window ending at
 * the newest text and releases what lies at least `holdBack` characters behind it, transformed; a span that reaches
 * into the held-back tail is held back whole until it is complete. A `block` verdict stops the stream. `end()`
 * scans the whole text once (for scanners that need all of it), releases the tail and returns the decision.
 */
import type { GuardDecision, OutputStream, Segment, StreamChunk } from '../guard-api.js';
import type { EffectivePolicy } from '../policy/compiled.js';
import { MAX_TOKEN_CHARS, TokenVault } from '../session/token-vault.js';
import type { ScanContext, SegmentRole } from '../types.js';
import { decision, disclaimerText, transformSegments, type Vault } from './inspect.js';
import { runScanners } from './run-scanners.js';
import { applySpans, type TransformSpan } from './transform-spans.js';

export interface StreamSettings {
  role: SegmentRole;
  holdBack: number;
  lookback: number;
  minRelease: number;
}

const NOTHING_YET: StreamChunk = { text: '', blocked: false };

export class StreamInspector implements OutputStream {
  private full = '';
  /** Offset in `full` up to which text has been released. */
  private released = 0;
  private done = false;
  private stopped?: GuardDecision;
  private scanMs = 0;
  /** The session's vault, or a private one so tokens stay consistent within this stream. */
  private readonly vault: Vault;

  constructor(
    private readonly policy: EffectivePolicy,
    private readonly ctx: ScanContext,
    session: Vault | undefined,
    private readonly apiKeyId: string | undefined,
    private readonly settings: StreamSettings,
  ) {
    this.vault = session ?? new TokenVault();
  }

  get blocked(): boolean {
    return this.stopped !== undefined;
  }

  push(delta: string): StreamChunk {
    if (this.stopped) return { text: '', blocked: true, decision: this.stopped };
    if (this.done || delta.length === 0) return NOTHING_YET;
    this.full += delta;
    const { holdBack, lookback, minRelease } = this.settings;
    const releasable = this.full.length - holdBack;
    if (releasable - this.released < minRelease) return NOTHING_YET;

    const t0 = performance.now();
    const windowStart = Math.max(0, this.released - lookback);
    const window: Segment[] = [{ role: this.settings.role, text: this.full.slice(windowStart) }];
    const outcome = runScanners(this.policy.output, window, this.ctx, this.policy.failMode);
    if (outcome.action === 'block') return this.stop(outcome, window, t0);

    const spans = shift(outcome.transforms?.[0], windowStart);
    const end = this.safeEnd(releasable, spans);
    this.scanMs += performance.now() - t0;
    if (end <= this.released) return NOTHING_YET;
    return { text: this.release(end, spans), blocked: false };
  }

  end(): StreamChunk {
    if (this.stopped) return { text: '', blocked: true, decision: this.stopped };
    if (this.done) return NOTHING_YET;
    this.done = true;
    const t0 = performance.now();
    const whole: Segment[] = [{ role: this.settings.role, text: this.full }];
    const outcome = runScanners(this.policy.output, whole, this.ctx, this.policy.failMode);
    if (outcome.action === 'block') return this.stop(outcome, whole, t0);
    // The disclaimer, if any, is the stream's last piece of text, after everything the model said.
    const text = this.release(this.full.length, outcome.transforms?.[0] ?? []) + disclaimerText(outcome);
    const { texts, changed } = transformSegments('output', whole, outcome, this.vault);
    this.scanMs += performance.now() - t0;
    const d = decision('output', this.policy, outcome, texts, changed, this.apiKeyId, this.scanMs);
    return { text, blocked: false, decision: d };
  }

  private stop(outcome: ReturnType<typeof runScanners>, segments: Segment[], t0: number): StreamChunk {
    this.done = true;
    this.scanMs += performance.now() - t0;
    this.stopped = decision('output', this.policy, outcome, segments, false, this.apiKeyId, this.scanMs);
    return { text: '', blocked: true, decision: this.stopped };
  }

  /**
   * Moves the release point back until no span crosses it and, when tokens may be restored, no `[TOKEN_n]` is cut.
   */
  private safeEnd(limit: number, spans: readonly TransformSpan[]): number {
    let end = limit;
    const restoring = this.vault.restorable;
    for (let moved = true; moved; ) {
      moved = false;
      for (const s of spans) {
        if (s.start < end && s.end > end && s.start >= this.released) {
          end = s.start;
          moved = true;
        }
      }
      if (restoring) {
        const open = this.full.lastIndexOf('[', end - 1);
        if (open >= this.released && end - open < MAX_TOKEN_CHARS) {
          const close = this.full.indexOf(']', open);
          if (close === -1 || close >= end) {
            end = open;
            moved = true;
          }
        }
      }
    }
    return end;
  }

  /** Transforms and returns `full[released, end)`, clipping spans to it; spans already partly released are cut. */
  private release(end: number, spans: readonly TransformSpan[]): string {
    const from = this.released;
    const piece = this.full.slice(from, end);
    const local: TransformSpan[] = [];
    for (const s of spans) {
      if (s.end <= from || s.start >= end) continue;
      local.push({ ...s, start: Math.max(s.start, from) - from, end: Math.min(s.end, end) - from });
    }
    this.released = end;
    const text = local.length ? applySpans(piece, local, this.vault) : piece;
    return this.vault.restorable ? this.vault.restore(text) : text;
  }
}

function shift(spans: readonly TransformSpan[] | undefined, by: number): TransformSpan[] {
  if (!spans) return [];
  return by === 0 ? [...spans] : spans.map((s) => ({ ...s, start: s.start + by, end: s.end + by }));
}
