import { z } from 'zod';
import type { Scanner, ScannerFactory, ScanResult } from '../../types.js';
import { detectLanguage, UNDETERMINED } from './detect.js';

const LanguageCode = z.string().regex(/^[a-z]{2,3}$/, 'use an ISO 639-1 code such as en, fr, de');

const LanguageOptions = z.strictObject({
  /** Languages the application accepts (ISO 639-1). */
  allow: z.array(LanguageCode).min(1, 'list at least one language').default(['en']),
  /** Texts with fewer letters are not judged (a name or "ok" says nothing about the language). */
  minLetters: z.int().min(1).default(12),
  /** Texts this long or longer count fully; shorter ones scale down, as the guess is less sure. */
  fullConfidenceLetters: z.int().min(1).default(24),
});
type LanguageOptions = z.infer<typeof LanguageOptions>;

const NOTHING: ScanResult = { score: 0, spans: [] };

/**
 * Language check: score = share of the text in languages outside `allow` (see detect.ts), scaled down for short
 * texts. Latin text whose language the vote cannot tell (code, names, lists) counts as allowed, so only languages
 * positively recognised as not allowed raise the score. One span over the whole text (`LANGUAGE`).
 */
export const languageScanner: ScannerFactory<LanguageOptions> = {
  name: 'language',
  description: 'Flags text written in languages the policy does not allow (script ranges + function-word vote).',
  owasp: ['LLM01', 'LLM09'],
  directions: ['input', 'output'],
  defaultAction: 'block',
  defaultThreshold: 0.5,
  options: LanguageOptions,
  create(options): Scanner {
    const allowed = new Set(options.allow);
    return {
      name: 'language',
      scan(text) {
        const guess = detectLanguage(text);
        if (guess.letters < options.minLetters) return NOTHING;
        let notAllowed = 0;
        for (const [language, share] of Object.entries(guess.shares)) {
          if (language !== UNDETERMINED && !allowed.has(language)) notAllowed += share;
        }
        const lengthFactor = Math.min(1, guess.letters / options.fullConfidenceLetters);
        const score = Math.round(notAllowed * lengthFactor * 1000) / 1000;
        const details = { language: guess.language, confidence: Math.round(guess.confidence * 1000) / 1000 };
        if (score === 0) return { score: 0, spans: [], details };
        return { score, spans: [{ start: 0, end: text.length, entity: 'LANGUAGE', score }], details };
      },
    };
  },
};
