/** OpenAI `usage` (a whole answer's, or a stream's final chunk's) as the exchange's token counts. */
import type { Exchange } from '../exchange.js';
import { isObject } from '../text-slots.js';

export function recordUsage(x: Exchange, usage: unknown): void {
  if (!isObject(usage)) return;
  const tokens: Exchange['tokens'] = {};
  if (typeof usage.prompt_tokens === 'number') tokens.input = usage.prompt_tokens;
  if (typeof usage.completion_tokens === 'number') tokens.output = usage.completion_tokens;
  if (typeof usage.total_tokens === 'number') tokens.total = usage.total_tokens;
  x.tokens = tokens;
}
