/**
 * The UTF-16 code units of a string, copied into a reusable typed array.
 *
 * Why: V8 compiles `text.charCodeAt(i)` in a hot loop for the string representations it has seen. Requests come in
 * several (one-byte and two-byte, flat, sliced by `slice`/`trim`, concatenated), and once a loop has seen more than
 * one, every later call takes the generic path: measured 1.5–2.5× slower for the feature, word-gate and run-finder
 * loops on plain ASCII chat after some non-ASCII or sliced input had passed. Node's native UTF-16 writer copies any
 * representation at memcpy speed, and the loops then read a typed array, which is fast whatever the string was.
 */
import { endianness } from 'node:os';

/** UTF-16LE bytes read as a Uint16Array are the code units only on little-endian machines (x86, ARM). */
const LITTLE_ENDIAN = endianness() === 'LE';

export class CharCodes {
  private bytes = Buffer.alloc(8192);
  codes = new Uint16Array(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length / 2);

  /** Copies `text` in and returns the array (valid up to `text.length`; overwritten by the next call). */
  of(text: string): Uint16Array {
    const n = text.length;
    if (this.codes.length < n) {
      // Buffer.alloc never uses the shared pool: the ArrayBuffer is its own, so the 16-bit view is aligned.
      this.bytes = Buffer.alloc(Math.max(n * 4, 8192));
      this.codes = new Uint16Array(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length / 2);
    }
    if (LITTLE_ENDIAN) {
      this.bytes.write(text, 0, 'utf16le');
    } else {
      for (let i = 0; i < n; i++) this.codes[i] = text.charCodeAt(i);
    }
    return this.codes;
  }
}
