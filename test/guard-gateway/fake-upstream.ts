/**
 * A local stand-in for the model upstreams the gateway proxies to: an OpenAI-compatible server and a Bedrock Runtime
 * (Converse, ConverseStream, InvokeModel, InvokeModelWithResponseStream in the Anthropic format). It records what it
 * received, checks the gateway's SigV4 signature on Bedrock calls, and misbehaves on request (5xx, hang, malformed
 * JSON, cut stream) so the gateway's fault handling can be tested.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { SignatureV4 } from '@smithy/signature-v4';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

export const GATEWAY_CREDENTIALS = { accessKeyId: 'AKIDGATEWAYTEST', secretAccessKey: 'gateway-secret-key' };

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: test inspection of arbitrary JSON
  json: any;
  /** Bedrock calls: whether the SigV4 signature verified with the gateway's credentials. */
  signatureValid?: boolean;
}

export type Fault =
  | { kind: 'status'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'hang' }
  /** Answers normally, after a pause. */
  | { kind: 'delay'; ms: number }
  | { kind: 'malformed' }
  | { kind: 'cut' };

export interface ToolCallSpec {
  id: string;
  name: string;
  arguments: string;
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

export class FakeUpstream {
  readonly received: Received[] = [];
  /** The model's answer text. */
  reply = 'Hello from the fake model.';
  /** Computes the answer from the request instead (e.g. to echo the system prompt). */
  // biome-ignore lint/suspicious/noExplicitAny: test inspection of arbitrary JSON
  replyFrom?: (request: any) => string;
  /** Characters per streamed delta. */
  deltaSize = 5;
  /** Pause between streamed pieces (ms). */
  dripMs = 0;
  /** Responses the gateway closed before the fake had finished them. */
  abandoned = 0;
  /** Tool calls the model proposes instead of text (OpenAI and Converse). */
  toolCalls?: ToolCallSpec[];
  /** Makes every following request misbehave until cleared. */
  fault?: Fault;
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private readonly hanging = new Set<http.ServerResponse>();
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  reset(): void {
    this.received.length = 0;
    this.reply = 'Hello from the fake model.';
    this.replyFrom = undefined;
    this.toolCalls = undefined;
    this.fault = undefined;
    this.dripMs = 0;
    this.abandoned = 0;
  }

  last(): Received {
    const r = this.received.at(-1);
    if (!r) throw new Error('the fake upstream received nothing');
    return r;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const path = req.url ?? '/';
      const rec: Received = { path, headers: req.headers, body, json };
      if (path.startsWith('/model/')) rec.signatureValid = await verifySignature(req, path, body);
      this.received.push(rec);
      const stream = (json as { stream?: boolean } | undefined)?.stream === true || /stream$/.test(path);
      if (this.replyFrom && json !== undefined) this.reply = this.replyFrom(json);
      if (this.fault?.kind === 'delay') await new Promise((r) => setTimeout(r, (this.fault as { ms: number }).ms));
      else if (this.fault && this.misbehave(res, stream)) return;
      if (path === '/v1/chat/completions') return stream ? this.openaiStream(res, json) : this.openaiAnswer(res, json);
      if (path.endsWith('/converse')) return this.converse(res);
      if (path.endsWith('/converse-stream')) return this.converseStream(res);
      if (path.endsWith('/invoke')) return this.invoke(res);
      if (path.endsWith('/invoke-with-response-stream')) return this.invokeStream(res);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `fake upstream: no route ${path}`, type: 'invalid_request_error' } }));
    });
  }

  /** Applies the fault; returns false when the fault only concerns streams and this is not one. */
  private misbehave(res: http.ServerResponse, stream: boolean): boolean {
    const fault = this.fault!;
    switch (fault.kind) {
      case 'status':
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
        res.end(fault.body);
        return true;
      case 'hang':
        this.hanging.add(res);
        return true;
      case 'delay':
        return false;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "chatcmpl-broken", "choices": [');
        return true;
      case 'cut':
        if (!stream) {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
          res.write('{"id": "chatcmpl-cut", "choi');
          setTimeout(() => res.socket?.destroy(), 20);
          return true;
        }
        return false;
    }
  }

  private deltas(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.reply.length; i += this.deltaSize) out.push(this.reply.slice(i, i + this.deltaSize));
    return out;
  }

  private openaiAnswer(res: http.ServerResponse, json: unknown): void {
    const model = (json as { model?: string }).model ?? 'fake-model';
    const message = this.toolCalls
      ? {
          role: 'assistant',
          content: null,
          tool_calls: this.toolCalls.map((t) => ({
            id: t.id,
            type: 'function',
            function: { name: t.name, arguments: t.arguments },
          })),
        }
      : { role: 'assistant', content: this.reply, refusal: null };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1_700_000_000,
        model,
        choices: [{ index: 0, message, finish_reason: this.toolCalls ? 'tool_calls' : 'stop', logprobs: null }],
        usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
      }),
    );
  }

  private openaiStream(res: http.ServerResponse, json: unknown): void {
    const model = (json as { model?: string }).model ?? 'fake-model';
    const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model };
    const events: unknown[] = [
      { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    ];
    if (this.toolCalls) {
      this.toolCalls.forEach((t, index) => {
        events.push({
          ...base,
          choices: [
            {
              index: 0,
              delta: { tool_calls: [{ index, id: t.id, type: 'function', function: { name: t.name, arguments: '' } }] },
              finish_reason: null,
            },
          ],
        });
        for (let i = 0; i < t.arguments.length; i += 7) {
          const piece = t.arguments.slice(i, i + 7);
          events.push({
            ...base,
            choices: [
              { index: 0, delta: { tool_calls: [{ index, function: { arguments: piece } }] }, finish_reason: null },
            ],
          });
        }
      });
    } else {
      for (const d of this.deltas())
        events.push({ ...base, choices: [{ index: 0, delta: { content: d }, finish_reason: null }] });
    }
    events.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: this.toolCalls ? 'tool_calls' : 'stop' }] });
    const usage = (json as { stream_options?: { include_usage?: boolean } }).stream_options?.include_usage;
    if (usage)
      events.push({ ...base, choices: [], usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 } });
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const cut = this.fault?.kind === 'cut';
    const lines = events.map((e) => `data: ${JSON.stringify(e)}\n\n`);
    if (cut) {
      res.write(lines.slice(0, 3).join(''));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    this.drip(res, [...lines, 'data: [DONE]\n\n']);
  }

  private converse(res: http.ServerResponse): void {
    const content = this.toolCalls
      ? this.toolCalls.map((t) => ({ toolUse: { toolUseId: t.id, name: t.name, input: JSON.parse(t.arguments) } }))
      : [{ text: this.reply }];
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        output: { message: { role: 'assistant', content } },
        stopReason: this.toolCalls ? 'tool_use' : 'end_turn',
        usage: { inputTokens: 11, outputTokens: 7, totalTokens: 18 },
        metrics: { latencyMs: 5 },
      }),
    );
  }

  private converseStream(res: http.ServerResponse): void {
    const frames: Uint8Array[] = [event('messageStart', { role: 'assistant' })];
    if (this.toolCalls) {
      this.toolCalls.forEach((t, i) => {
        frames.push(
          event('contentBlockStart', { contentBlockIndex: i, start: { toolUse: { toolUseId: t.id, name: t.name } } }),
        );
        frames.push(event('contentBlockDelta', { contentBlockIndex: i, delta: { toolUse: { input: t.arguments } } }));
        frames.push(event('contentBlockStop', { contentBlockIndex: i }));
      });
    } else {
      for (const d of this.deltas())
        frames.push(event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: d } }));
      frames.push(event('contentBlockStop', { contentBlockIndex: 0 }));
    }
    frames.push(event('messageStop', { stopReason: this.toolCalls ? 'tool_use' : 'end_turn' }));
    frames.push(
      event('metadata', { usage: { inputTokens: 11, outputTokens: 7, totalTokens: 18 }, metrics: { latencyMs: 5 } }),
    );
    res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
    if (this.fault?.kind === 'cut') {
      res.write(Buffer.concat([...frames.slice(0, 2), frames[2]!.subarray(0, 9)]));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    this.drip(res, frames);
  }

  private invoke(res: http.ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'application/json',
      'x-amzn-bedrock-input-token-count': '11',
      'x-amzn-bedrock-output-token-count': '7',
    });
    res.end(
      JSON.stringify({
        id: 'msg_fake',
        type: 'message',
        role: 'assistant',
        content: [{ type: 'text', text: this.reply }],
        stop_reason: 'end_turn',
        usage: { input_tokens: 11, output_tokens: 7 },
      }),
    );
  }

  private invokeStream(res: http.ServerResponse): void {
    const chunks: unknown[] = [
      { type: 'message_start', message: { id: 'msg_fake', role: 'assistant', content: [] } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      ...this.deltas().map((d) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: d } })),
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 7 } },
      { type: 'message_stop', 'amazon-bedrock-invocationMetrics': { inputTokenCount: 11, outputTokenCount: 7 } },
    ];
    const frames = chunks.map((c) => event('chunk', { bytes: Buffer.from(JSON.stringify(c)).toString('base64') }));
    res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
    this.drip(res, frames);
  }

  /** Writes the pieces one per tick, as a real stream would. */
  private drip(res: http.ServerResponse, pieces: (string | Uint8Array)[]): void {
    let i = 0;
    res.once('close', () => {
      if (!res.writableEnded) this.abandoned++;
    });
    const next = () => {
      if (res.destroyed) return;
      if (i >= pieces.length) {
        res.end();
        return;
      }
      res.write(pieces[i++]!);
      if (this.dripMs > 0) setTimeout(next, this.dripMs);
      else setImmediate(next);
    };
    next();
  }
}

function event(type: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** Re-signs the received request with the gateway's credentials at its x-amz-date and compares. */
async function verifySignature(req: http.IncomingMessage, path: string, body: string): Promise<boolean> {
  const auth = req.headers.authorization ?? '';
  const amzDate = req.headers['x-amz-date'];
  const signedNames = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';');
  if (typeof amzDate !== 'string' || !signedNames) return false;
  const headers: Record<string, string> = {};
  for (const name of signedNames) headers[name] = String(req.headers[name] ?? '');
  const date = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  const signer = new SignatureV4({
    service: 'bedrock',
    region: 'us-east-1',
    credentials: GATEWAY_CREDENTIALS,
    sha256: Sha256,
  });
  const [host, port] = String(req.headers.host).split(':');
  const expected = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: host!, port: Number(port), path, query: {}, headers, body },
    { signingDate: date },
  );
  return expected.headers.authorization === auth;
}
