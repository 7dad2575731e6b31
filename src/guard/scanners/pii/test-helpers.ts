import type { CountryCode } from 'libphonenumber-js/max';
import type { Span } from '../../types.js';
import { findCues } from './cues.js';
import type { Detector } from './detector.js';

/** Runs one detector the way the scanner does and returns [entity, matched text, score] per span. */
export function run(detector: Detector, text: string, defaultRegion: CountryCode = 'US'): [string, string, number][] {
  const out: Span[] = [];
  detector.detect(text, out, { settings: { defaultRegion }, cues: () => findCues(text) });
  return out.map((s) => [s.entity, text.slice(s.start, s.end), s.score ?? 1]);
}

/** Just the matched texts. */
export function found(detector: Detector, text: string, defaultRegion: CountryCode = 'US'): string[] {
  return run(detector, text, defaultRegion).map(([, t]) => t);
}
