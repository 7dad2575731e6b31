import type { CueHit } from './cues.js';
import { findCueHits } from './cues.js';
import type { DetectorSettings, ScanState } from './detector.js';

/**
 * The ScanState of one scanner, reset for each text. Scans are synchronous and never re-entered, so one object
 * serves them all: no state object or closure is allocated per text.
 */
export class TextScanState implements ScanState {
  private text = '';
  private hits: readonly CueHit[] | undefined;

  constructor(readonly settings: DetectorSettings) {}

  reset(text: string): void {
    this.text = text;
    this.hits = undefined;
  }

  /** Cue words of the text, found on first use; the caller's pre-filter guarantees CUE_MIN_DIGITS digits. */
  cues(): readonly CueHit[] {
    this.hits ??= findCueHits(this.text);
    return this.hits;
  }
}
