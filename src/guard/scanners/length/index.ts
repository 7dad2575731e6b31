import { z } from 'zod';
import type { Scanner, ScannerFactory, ScanResult } from '../../types.js';
import { approxTokens, offsetAtTokens } from './approx-tokens.js';

const LengthOptions = z
  .strictObject({
    /** Most UTF-16 characters a segment may have. */
    maxChars: z.int().positive().optional(),
    /** Most tokens a segment may have, estimated (see approx-tokens.ts): no tokenizer download, no model. */
    maxTokens: z.int().positive().optional(),
  })
  .refine((o) => o.maxChars !== undefined || o.maxTokens !== undefined, {
    message: 'set maxChars, maxTokens or both',
  });
type LengthOptions = z.infer<typeof LengthOptions>;

const NOTHING: ScanResult = { score: 0, spans: [] };

/**
 * LLM10 (unbounded consumption): a segment longer than the limit scores 1 with one `EXCESS_LENGTH` span over the
 * part past the limit. Its replacement is empty, so `action: redact` truncates instead of blocking.
 */
export const lengthScanner: ScannerFactory<LengthOptions> = {
  name: 'length',
  description: 'Limits each segment to a number of characters and/or estimated tokens; redact truncates.',
  owasp: ['LLM10'],
  directions: ['input', 'output'],
  defaultAction: 'block',
  defaultThreshold: 0.5,
  options: LengthOptions,
  create({ maxChars, maxTokens }): Scanner {
    return {
      name: 'length',
      scan(text) {
        // Cheap exits first: no token estimate needed when the text cannot reach either limit.
        const overChars = maxChars !== undefined && text.length > maxChars;
        const mayBeOverTokens = maxTokens !== undefined && text.length > maxTokens;
        if (!overChars && !mayBeOverTokens) return NOTHING;
        const tokens = mayBeOverTokens ? approxTokens(text) : 0;
        const overTokens = maxTokens !== undefined && tokens > maxTokens;
        if (!overChars && !overTokens) return NOTHING;
        let cut = text.length;
        if (overChars) cut = maxChars;
        if (overTokens) cut = Math.min(cut, offsetAtTokens(text, maxTokens));
        return {
          score: 1,
          spans: [{ start: cut, end: text.length, entity: 'EXCESS_LENGTH', score: 1, replacement: '' }],
          details: { chars: text.length, approxTokens: tokens || undefined, maxChars, maxTokens },
        };
      },
    };
  },
};
