import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  errorFrame,
  eventFrame,
  exceptionFrame,
  FrameError,
  FrameSplitter,
  framePayload,
} from './bedrock-eventstream.js';

describe('event-stream frames', () => {
  it('encodes events, exceptions and errors the way decodeFrame reads them back', () => {
    const ev = decodeFrame(eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'hé' } }));
    expect(ev).toMatchObject({ messageType: 'event', type: 'contentBlockDelta' });
    expect(framePayload(ev)).toEqual({ contentBlockIndex: 0, delta: { text: 'hé' } });
    const ex = decodeFrame(exceptionFrame('modelStreamErrorException', 'cut'));
    expect(ex).toMatchObject({ messageType: 'exception', type: 'modelStreamErrorException' });
    expect(framePayload(ex)).toEqual({ message: 'cut' });
    expect(decodeFrame(errorFrame('GuardBlockedException', 'no'))).toMatchObject({
      messageType: 'error',
      type: 'GuardBlockedException',
    });
  });

  it('rejects a corrupted frame (CRC) with FrameError', () => {
    const frame = Buffer.from(eventFrame('messageStop', { stopReason: 'end_turn' }));
    frame[frame.length - 6]! ^= 0xff;
    expect(() => decodeFrame(frame)).toThrow(FrameError);
  });

  it('splits a byte stream into the same frames however it is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (texts, cuts) => {
          const frames = texts.map((t) => Buffer.from(eventFrame('contentBlockDelta', { delta: { text: t } })));
          const bytes = Buffer.concat(frames);
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const splitter = new FrameSplitter();
          const out: Buffer[] = [];
          let at = 0;
          for (const p of [...points, bytes.length]) {
            out.push(...splitter.push(bytes.subarray(at, p)));
            at = p;
          }
          expect(out.map((f) => (framePayload(decodeFrame(f)) as { delta: { text: string } }).delta.text)).toEqual(
            texts,
          );
          expect(splitter.partial).toBe(false);
        },
      ),
    );
  });

  it('refuses a frame length outside the protocol bounds', () => {
    const bogus = Buffer.alloc(8);
    bogus.writeUInt32BE(3, 0);
    expect(() => new FrameSplitter().push(bogus)).toThrow(FrameError);
  });
});
