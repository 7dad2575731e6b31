/**
 * The AWS event-stream framing of ConverseStream and InvokeModelWithResponseStream
 * (`application/vnd.amazon.eventstream`): binary frames with a length prelude, typed headers and CRCs. The splitter
 * cuts the upstream bytes into whole frames (forwarded unchanged unless the guard rewrites them); encoding and CRC
 * checks use @smithy/eventstream-codec, the codec the AWS SDK itself uses.
 */
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

export const EVENTSTREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

type MessageHeaders = ReturnType<typeof codec.decode>['headers'];

/** Prelude (8) + prelude CRC (4) + message CRC (4). */
const MIN_FRAME_BYTES = 16;
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export class FrameError extends Error {}

export class FrameSplitter {
  private buffer: Buffer = Buffer.alloc(0);

  /** The frames completed by this chunk, each a view of exactly one message. */
  push(chunk: Buffer): Buffer[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: Buffer[] = [];
    while (this.buffer.length >= 4) {
      const total = this.buffer.readUInt32BE(0);
      if (total < MIN_FRAME_BYTES || total > MAX_FRAME_BYTES) {
        throw new FrameError(`an upstream event-stream frame declares ${total} bytes`);
      }
      if (this.buffer.length < total) break;
      frames.push(this.buffer.subarray(0, total));
      this.buffer = this.buffer.subarray(total);
    }
    return frames;
  }

  /** Whether part of a frame is buffered (a stream that ends here was cut). */
  get partial(): boolean {
    return this.buffer.length > 0;
  }
}

export interface Frame {
  /** The frame's bytes as received. */
  raw: Uint8Array;
  /** `event`, `exception` or `error`. */
  messageType: string;
  /** `:event-type` of an event, `:exception-type` of an exception, `:error-code` of an error. */
  type: string;
  headers: MessageHeaders;
  body: Uint8Array;
}

/** Decodes (and CRC-checks) one frame; throws FrameError on a corrupt one. */
export function decodeFrame(raw: Uint8Array): Frame {
  let message: ReturnType<typeof codec.decode>;
  try {
    message = codec.decode(raw);
  } catch (e) {
    throw new FrameError(`corrupt upstream event-stream frame: ${(e as Error).message}`);
  }
  const { headers, body } = message;
  const messageType = stringHeader(headers, ':message-type') ?? 'event';
  const type =
    messageType === 'exception'
      ? stringHeader(headers, ':exception-type')
      : messageType === 'error'
        ? stringHeader(headers, ':error-code')
        : stringHeader(headers, ':event-type');
  return { raw, messageType, type: type ?? '', headers, body };
}

/** The frame's JSON payload, or undefined when it is not JSON. */
export function framePayload(frame: Frame): unknown {
  try {
    return JSON.parse(toUtf8(frame.body));
  } catch {
    return undefined;
  }
}

export function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/**
 * A modelled exception (`modelStreamErrorException`, `internalServerException`…): the AWS SDK throws its typed
 * class with `message`.
 */
export function exceptionFrame(exceptionType: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

/** An error frame: the AWS SDK throws an error whose `name` is `code` (e.g. `GuardBlockedException`). */
export function errorFrame(code: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'error' },
      ':error-code': { type: 'string', value: code },
      ':error-message': { type: 'string', value: message },
    },
    body: new Uint8Array(0),
  });
}

function stringHeader(headers: MessageHeaders, name: string): string | undefined {
  const h = headers[name];
  return h && h.type === 'string' ? h.value : undefined;
}
