import { z } from 'zod';
import type { Scanner, ScannerFactory, ScanResult, Span } from '../../types.js';
import { mergeOverlapping } from '../output-handling/spans.js';
import { findCanary } from './canary.js';
import { overlapWithPrompt } from './ngram-overlap.js';

export { canaryCore, findCanary, makeCanary, withCanary } from './canary.js';

const SystemPromptLeakOptions = z.strictObject({
  /** Words per shared run that count as copying (shorter runs are common phrases). */
  ngram: z.int().min(3).max(12).default(5),
  /** System-prompt words reproduced (or the whole prompt, if shorter) that score 1; fewer score proportionally. */
  fullLeakWords: z.int().min(5).default(40),
  /** Look for `ctx.canary` (the pipeline inserts it when the policy asks for canaries). */
  canary: z.boolean().default(true),
});
type SystemPromptLeakOptions = z.infer<typeof SystemPromptLeakOptions>;

const NOTHING: ScanResult = { score: 0, spans: [] };

/**
 * LLM07 system prompt leakage, two ways: the request's canary token in the output (score 1, `CANARY_TOKEN`), and
 * word n-grams shared with the system prompt (`SYSTEM_PROMPT_LEAK` over each copied run), scored by how much of the
 * prompt was reproduced: leakedWords / min(promptWords, fullLeakWords).
 */
export const systemPromptLeakScanner: ScannerFactory<SystemPromptLeakOptions> = {
  name: 'system_prompt_leak',
  description: 'Canary tokens and verbatim system-prompt passages in model output.',
  owasp: ['LLM07'],
  directions: ['output'],
  defaultAction: 'block',
  defaultThreshold: 0.5,
  options: SystemPromptLeakOptions,
  create(options): Scanner {
    return {
      name: 'system_prompt_leak',
      scan(text, ctx) {
        if (text.length === 0) return NOTHING;
        const spans: Span[] = [];
        const details: Record<string, unknown> = {};
        let score = 0;
        if (options.canary && ctx.canary) {
          const hit = findCanary(text, ctx.canary);
          if (hit) {
            spans.push({ start: hit.start, end: hit.end, entity: 'CANARY_TOKEN', score: 1, replacement: '' });
            details.canary = hit.how;
            score = 1;
          }
        }
        if (ctx.systemPrompt) {
          const overlap = overlapWithPrompt(text, ctx.systemPrompt, options.ngram);
          if (overlap.leakedWords > 0) {
            const full = Math.min(overlap.promptWords, options.fullLeakWords);
            const overlapScore = Math.min(1, overlap.leakedWords / full);
            for (const run of overlap.runs) {
              spans.push({ start: run.start, end: run.end, entity: 'SYSTEM_PROMPT_LEAK', score: overlapScore });
            }
            details.leakedWords = overlap.leakedWords;
            details.promptWords = overlap.promptWords;
            score = Math.max(score, overlapScore);
          }
        }
        if (spans.length === 0) return NOTHING;
        // The canary can sit inside a copied run (the prompt sent upstream holds it): report one span there.
        return { score, spans: mergeOverlapping(spans), details };
      },
    };
  },
};
