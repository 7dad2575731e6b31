/**
 * Token estimates for limits, before the model has counted anything. Text counts as the `length` scanner's
 * `approxTokens` does (about 4 ASCII characters per token, 1 token per other UTF-16 unit: CJK, Cyrillic and emoji
 * cost about one token each in BPE vocabularies), so a policy's `length.maxTokens` and `limits.tokensPerMinute` count
 * alike (a test holds them equal). Each message adds a few tokens of chat framing (role markers), as OpenAI documents
 * for its chat format. The estimate is never exact for a given model; budgets are corrected with the real counts once
 * the response reports usage (`LimitTicket.settle`).
 */

/** Role and separator tokens a chat message costs beyond its text. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

const ASCII_CHARS_PER_TOKEN = 4;
const NON_ASCII = /[^\x00-\x7f]/g;

/**
 * Counting non-ASCII units with one native regex scan is about 10x faster than a charCodeAt loop on 1 KB prompts
 * (1.5 µs vs 16 µs measured), and this runs on every gateway request.
 */
export function estimateTokens(text: string): number {
  const other = text.match(NON_ASCII)?.length ?? 0;
  return Math.ceil((text.length - other) / ASCII_CHARS_PER_TOKEN) + other;
}

/** Estimated prompt tokens of a request made of these message texts. */
export function estimateRequestTokens(texts: readonly string[]): number {
  let tokens = 0;
  for (const text of texts) tokens += estimateTokens(text) + MESSAGE_OVERHEAD_TOKENS;
  return tokens;
}
