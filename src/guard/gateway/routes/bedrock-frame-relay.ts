/**
 * The part shared by the two Bedrock stream relays: the upstream body is an AWS event stream, split into whole
 * frames (a frame may span chunks), each handed to the subclass until the stream ends.
 */
import { decodeFrame, type Frame, FrameSplitter } from '../bedrock-eventstream.js';
import { StreamRelay } from '../stream-relay.js';
import { BEDROCK_LABEL } from './bedrock-upstream.js';

export abstract class BedrockFrameRelay extends StreamRelay {
  protected readonly label = BEDROCK_LABEL;
  /** `splitter.partial` at the end of the body means the stream was cut mid-frame. */
  protected readonly splitter = new FrameSplitter();

  /** Handles one decoded frame (write with `send`, stop with `fail`, `block` or `complete`). */
  protected abstract onFrame(f: Frame): void;

  protected onChunk(chunk: Buffer): void {
    for (const raw of this.splitter.push(chunk)) {
      this.onFrame(decodeFrame(raw));
      if (this.finished) return;
    }
  }
}
