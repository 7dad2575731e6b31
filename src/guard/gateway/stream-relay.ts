/**
 * The plumbing shared by streamed responses (OpenAI SSE, Bedrock event streams): reads the upstream body chunk by
 * chunk with an idle timeout, writes to the client with backpressure, and ends exactly once, either normally or
 * with one in-band error the client's SDK raises (guard block, upstream cut, timeout). Subclasses turn upstream
 * chunks into client chunks and say how an error looks in their framing.
 */
import type { GuardDecision, GuardSession, OutputStream } from '../guard-api.js';
import type { ToolCallChecker } from '../tools/index.js';
import { GatewayError, toGatewayError } from './errors.js';
import type { Exchange } from './exchange.js';
import type { GatewayResponse } from './http-types.js';
import type { GatewayRuntime } from './runtime.js';
import { interrupted, type UpstreamResponse } from './upstream.js';

/** What output inspection of a stream needs from its request. */
export interface StreamOutputContext {
  session: GuardSession;
  systemPrompt?: string;
  context?: string[];
  checker?: ToolCallChecker;
}

export abstract class StreamRelay {
  protected finished = false;
  private done?: () => void;
  private timer?: NodeJS.Timeout;

  constructor(
    protected readonly res: GatewayResponse,
    protected readonly up: UpstreamResponse,
    protected readonly x: Exchange,
    protected readonly rt: GatewayRuntime,
    private readonly timeoutMs: number,
    protected readonly out: StreamOutputContext,
  ) {}

  /** Names the upstream in error messages. */
  protected abstract readonly label: string;
  /** Handles one upstream chunk (write with `send`, stop with `fail`, `block` or `complete`). */
  protected abstract onChunk(chunk: Buffer): void;
  /** The upstream body ended; `complete()` when that is a normal end, `fail(...)` when it was cut. */
  protected abstract onUpstreamEnd(): void;
  /** The in-band error the client receives, in this stream's framing, ending the stream. */
  protected abstract errorChunk(e: GatewayError): string | Uint8Array;

  /** A fresh output inspection for one run of streamed text (a choice, a content block). */
  protected newOutputStream(): OutputStream {
    const { x, out } = this;
    return this.rt.guard.streamOutput(
      { route: x.route, apiKeyId: x.apiKeyId, model: x.model, systemPrompt: out.systemPrompt, context: out.context },
      out.session,
    );
  }

  /** Sends the response head and relays until the stream ends; resolves then. Never rejects. */
  run(headers: Record<string, string>): Promise<void> {
    this.res.writeHead(200, headers);
    return new Promise((resolve) => {
      this.done = resolve;
      const body = this.up.body;
      this.timer = setTimeout(
        () => this.fail(new GatewayError('upstream_timeout', `${this.label} sent nothing for ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      body.on('data', (chunk: Buffer) => {
        if (this.finished) return;
        this.timer?.refresh();
        this.guarded(() => this.onChunk(chunk));
      });
      body.on('end', () => {
        if (this.finished) return;
        this.x.upstreamDone();
        this.guarded(() => this.onUpstreamEnd());
      });
      body.on('error', () => this.fail(interrupted(this.label)));
      body.on('close', () => {
        if (!this.finished && !body.complete) this.fail(interrupted(this.label));
      });
      this.res.once('close', () => {
        if (this.finished) return;
        // The client went away: stop paying for the upstream.
        this.x.error ??= new GatewayError(
          'invalid_request',
          'the client closed the connection before the stream ended',
        );
        this.finish();
      });
    });
  }

  protected send(data: string | Uint8Array): void {
    if (this.finished) return;
    if (!this.res.write(data)) {
      this.up.body.pause();
      this.res.once('drain', () => this.up.body.resume());
    }
  }

  /** Ends the stream normally (after the subclass wrote its terminator). */
  protected complete(): void {
    this.x.upstreamDone();
    this.finish();
  }

  /** Ends the stream with an in-band error. */
  protected fail(e: GatewayError): void {
    if (this.finished) return;
    this.x.error ??= e;
    this.send(this.errorChunk(e));
    this.finish();
  }

  /** Records a blocking output decision and ends the stream with the guard's error. */
  protected block(decision: GuardDecision): void {
    try {
      this.x.recordOutput(decision);
    } catch (e) {
      this.fail(toGatewayError(e));
    }
  }

  private guarded(step: () => void): void {
    try {
      step();
    } catch (e) {
      this.fail(toGatewayError(e));
    }
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.timer);
    if (!this.up.body.complete) this.up.abort();
    if (!this.res.writableEnded) this.res.end();
    this.done?.();
  }
}
