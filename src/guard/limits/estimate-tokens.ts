import { approxTokens } from '../scanners/length/approx-tokens.js';

/**
 * Token estimates for limits, before the model has counted anything. Text counts as the `length` scanner's
 * `approxTokens` does (about 4 ASCII characters per token, 1 token per other UTF-16 unit: CJK, Cyrillic and emoji
 * cost about one token each in BPE vocabularies), so a policy's `length.maxTokens` and `limits.tokensPerMinute` count
 * alike (one function serves both). Each message adds a few tokens of chat framing (role markers), as OpenAI documents
 * for its chat format. The estimate is never exact for a given model; budgets are corrected with the real counts once
 * the response reports usage (`LimitTicket.settle`).
 */

/** Role and separator tokens a chat message costs beyond its text. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/** One text's estimate: the `length` scanner's, so both count alike. */
export const estimateTokens = approxTokens;

/** Estimated prompt tokens of a request made of these message texts. */
export function estimateRequestTokens(texts: readonly string[]): number {
  let tokens = 0;
  for (const text of texts) tokens += estimateTokens(text) + MESSAGE_OVERHEAD_TOKENS;
  return tokens;
}
