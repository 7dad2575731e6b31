/**
 * Token estimates for limits, before the model has counted anything. Text uses the `length` scanner's estimate
 * (about 4 ASCII characters per token, 1 token per other UTF-16 unit: CJK, Cyrillic and emoji cost about one token
 * each in BPE vocabularies), so a policy's `length.maxTokens` and `limits.tokensPerMinute` count alike. Each message
 * adds a few tokens of chat framing (role markers), as OpenAI documents for its chat format. The estimate is never
 * exact for a given model; budgets are corrected with the real counts once the response reports usage
 * (`LimitTicket.settle`).
 */
import { approxTokens } from '../scanners/length/approx-tokens.js';

/** Role and separator tokens a chat message costs beyond its text. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

export { approxTokens as estimateTokens };

/** Estimated prompt tokens of a request made of these message texts. */
export function estimateRequestTokens(texts: readonly string[]): number {
  let tokens = 0;
  for (const text of texts) tokens += approxTokens(text) + MESSAGE_OVERHEAD_TOKENS;
  return tokens;
}
