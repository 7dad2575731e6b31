/**
 * Where an InvokeModel body asks for its completion-token limit. Every model family on Bedrock names it
 * differently, so a request that names none can only be capped (`limits.maxTokens`) when the model id says which
 * family it is.
 */
import { isObject } from '../text-slots.js';

/** Completion-token fields of the model families, checked against `limits.maxTokens`. */
export const MAX_TOKEN_FIELDS: readonly (readonly string[])[] = [
  ['max_tokens'],
  ['max_gen_len'],
  ['max_tokens_to_sample'],
  ['maxTokens'],
  ['textGenerationConfig', 'maxTokenCount'],
  ['inferenceConfig', 'max_new_tokens'],
  ['inferenceConfig', 'maxTokens'],
];

/** The largest completion-token limit the body asks for, in any family's field; undefined when none. */
export function requestedMaxTokens(body: Record<string, unknown>): number | undefined {
  let requested: number | undefined;
  for (const path of MAX_TOKEN_FIELDS) {
    let node: unknown = body;
    for (const key of path) node = isObject(node) ? node[key] : undefined;
    if (typeof node === 'number') requested = Math.max(requested ?? 0, node);
  }
  return requested;
}

/**
 * The model id's provider and model, without ARN or cross-region inference-profile prefix:
 * `arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku…` and `us.anthropic.claude…` both give
 * `anthropic.claude…`.
 */
export function baseModelId(modelId: string): string {
  const slash = modelId.lastIndexOf('/');
  const id = slash >= 0 ? modelId.slice(slash + 1) : modelId;
  return id.replace(/^(?:us|eu|apac|us-gov|jp|au|ca|global)\./, '');
}

/**
 * The field a family's request body takes its completion-token limit in, as documented for each provider's
 * InvokeModel body; undefined for a family not known here (a provisioned-model or custom-model ARN names none).
 */
export function maxTokensField(modelId: string, body: Record<string, unknown>): readonly string[] | undefined {
  const id = baseModelId(modelId).toLowerCase();
  if (id.startsWith('anthropic.')) {
    // Claude's text-completions API (a `prompt`, no `messages`) had its own field.
    return 'prompt' in body && !('messages' in body) ? ['max_tokens_to_sample'] : ['max_tokens'];
  }
  if (id.startsWith('meta.')) return ['max_gen_len'];
  if (id.startsWith('amazon.titan-text') || id.startsWith('amazon.titan-tg1')) {
    return ['textGenerationConfig', 'maxTokenCount'];
  }
  if (id.startsWith('amazon.nova')) return ['inferenceConfig', 'max_new_tokens'];
  if (id.startsWith('ai21.j2')) return ['maxTokens'];
  if (
    id.startsWith('mistral.') ||
    id.startsWith('cohere.command') ||
    id.startsWith('ai21.jamba') ||
    id.startsWith('deepseek.')
  ) {
    return ['max_tokens'];
  }
  return undefined;
}

/** Set `path` in `body` to `value`, making the objects on the way (an existing non-object is not overwritten). */
export function setPath(body: Record<string, unknown>, path: readonly string[], value: number): boolean {
  let node = body;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === undefined) node[key] = {};
    else if (!isObject(next)) return false;
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
  return true;
}
