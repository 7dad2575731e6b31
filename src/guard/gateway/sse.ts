/**
 * Server-sent events as OpenAI streams them: `data: <json>` events separated by blank lines, ending with
 * `data: [DONE]`. The parser is incremental (bytes arrive cut anywhere, even inside a UTF-8 sequence) and bounded:
 * an event larger than `maxEventBytes` is an error rather than unbounded buffering.
 */
import { StringDecoder } from 'node:string_decoder';

export interface SseEvent {
  /** The `event:` field, when the upstream set one. */
  event?: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
}

export class SseTooLargeError extends Error {}

export class SseParser {
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';
  private data: string[] = [];
  private dataChars = 0;
  private event?: string;
  /** A `\r` ended the last chunk: a `\n` starting the next one belongs to the same line break. */
  private pendingCr = false;

  constructor(private readonly maxEventBytes = 8 * 1024 * 1024) {}

  /** The events completed by this chunk, in order. */
  push(chunk: Buffer): SseEvent[] {
    let text = this.decoder.write(chunk);
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer = this.buffer.length ? this.buffer + text : text;
    const events: SseEvent[] = [];
    let start = 0;
    const buf = this.buffer;
    for (let i = 0; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(buf.slice(start, i), events);
      if (c === 13) {
        if (i + 1 === buf.length) this.pendingCr = true;
        else if (buf.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.buffer = start === 0 ? buf : buf.slice(start);
    if (this.buffer.length + this.dataChars > this.maxEventBytes) {
      throw new SseTooLargeError(`an upstream SSE event is larger than ${this.maxEventBytes} bytes`);
    }
    return events;
  }

  /** Whether bytes of an unfinished event are buffered (a stream that ends here was cut). */
  get partial(): boolean {
    return this.buffer.length > 0 || this.data.length > 0;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line.length === 0) {
      if (this.data.length > 0) {
        const ev: SseEvent = { data: this.data.length === 1 ? this.data[0]! : this.data.join('\n') };
        if (this.event !== undefined) ev.event = this.event;
        events.push(ev);
      }
      this.data = [];
      this.dataChars = 0;
      this.event = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58) return; // `:` comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') {
      this.data.push(value);
      this.dataChars += value.length;
    } else if (field === 'event') this.event = value;
  }
}

/** One `data:` event, as OpenAI sends them. */
export function sseData(data: string): string {
  return `data: ${data}\n\n`;
}

export const SSE_DONE = 'data: [DONE]\n\n';
