import type { CountryCode } from 'libphonenumber-js/max';
import type { Span } from '../../types.js';
import type { CueHit } from './cues.js';
import type { PiiEntity } from './entities.js';

/** What the pre-filter saw in the text; a detector whose needs are absent is skipped without touching the text. */
export const HAS_DIGIT = 1;
export const HAS_AT = 2;
export const HAS_UPPER = 4;

export interface DetectorSettings {
  /** Region for national-format phone numbers (no `+`). */
  defaultRegion: CountryCode;
}

/** Per-scan facts shared by detectors, computed at most once per text. */
export interface ScanState {
  settings: DetectorSettings;
  /** Cue words of the cue-driven detectors, found in one pass on first use. */
  cues(): readonly CueHit[];
}

/**
 * One entity family. `detect` appends spans (score ≥ MIN_SPAN_SCORE only) to `out`; it never throws and runs in time
 * linear in the text (bounded quantifiers, no nested unbounded repetition).
 */
export interface Detector {
  readonly entities: readonly PiiEntity[];
  /** Bit set of HAS_* flags that must all be present for the detector to possibly match. */
  readonly needs: number;
  /**
   * Fewest ASCII digits a text must hold for the detector to possibly match (default: 1 with HAS_DIGIT, else 0). A
   * lower bound the detector's own rules imply, so skipping texts below it changes no result.
   */
  readonly minDigits?: number;
  detect(text: string, out: Span[], state: ScanState): void;
}

/** Below this a candidate is not reported: a bare format match without validator or cue is too weak to act on. */
export const MIN_SPAN_SCORE = 0.5;
