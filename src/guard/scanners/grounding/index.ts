import { z } from 'zod';
import type { Scanner, ScannerFactory, ScanResult, Span } from '../../types.js';
import { contentTerms } from '../denied-topics/terms.js';
import { sentences } from './sentences.js';
import { indexContext, supportOf } from './support.js';

export const DEFAULT_DISCLAIMER =
  'Note: parts of this answer are not supported by the provided sources. Please verify them before relying on them.';

const GroundingOptions = z.strictObject({
  /** A claim whose support (0..1, see support.ts) is below this is ungrounded. */
  minSupport: z.number().min(0).max(1).default(0.5),
  /** Sentences with fewer content words are not claims ("Sure!", "Here is the summary:"). */
  minClaimWords: z.int().min(1).default(4),
  /** Text the pipeline appends for the `disclaimer` action; returned in `details.disclaimer`. */
  disclaimer: z.string().min(1).default(DEFAULT_DISCLAIMER),
});
type GroundingOptions = z.infer<typeof GroundingOptions>;

const NOTHING: ScanResult = { score: 0, spans: [] };

/**
 * LLM09 misinformation: when the request carried retrieved context (RAG documents, tool results), each claim
 * sentence of the answer is checked for lexical support in it. Score = share of claim sentences that are
 * unsupported; spans (`UNGROUNDED_CLAIM`) = those sentences. Without context there is nothing to ground against
 * and the score is 0. Lexical overlap cannot tell a faithful paraphrase from a contradiction that reuses the
 * context's words; it catches invented facts, figures and names.
 */
export const groundingScanner: ScannerFactory<GroundingOptions> = {
  name: 'grounding',
  description: 'Flags answer sentences not supported by the retrieved context (overlap-based grounding score).',
  owasp: ['LLM09'],
  directions: ['output'],
  defaultAction: 'flag',
  defaultThreshold: 0.5,
  options: GroundingOptions,
  create(options): Scanner {
    return {
      name: 'grounding',
      scan(text, ctx) {
        const context = ctx.context;
        if (!context || context.length === 0 || text.length === 0) return NOTHING;
        const index = indexContext(context);
        if (index.stems.size === 0) return NOTHING;
        const terms = contentTerms(text);
        const spans: Span[] = [];
        let claims = 0;
        let supportSum = 0;
        let t = 0;
        for (const s of sentences(text)) {
          while (t < terms.length && terms[t]!.start < s.start) t++;
          const first = t;
          while (t < terms.length && terms[t]!.start < s.end) t++;
          if (t - first < options.minClaimWords) continue;
          // Questions ask; they do not assert.
          if (text.charCodeAt(s.end - 1) === 63 || text.charCodeAt(s.end - 1) === 0xff1f) continue;
          claims++;
          const { support } = supportOf(terms.slice(first, t), text, s.start, index);
          supportSum += support;
          if (support < options.minSupport) {
            spans.push({ start: s.start, end: s.end, entity: 'UNGROUNDED_CLAIM', score: round(1 - support) });
          }
        }
        if (claims === 0) return NOTHING;
        const score = spans.length / claims;
        const details = {
          claims,
          unsupported: spans.length,
          meanSupport: round(supportSum / claims),
          disclaimer: options.disclaimer,
        };
        return { score, spans, details };
      },
    };
  },
};

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
