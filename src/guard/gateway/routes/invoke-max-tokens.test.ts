import { describe, expect, it } from 'vitest';
import { baseModelId, maxTokensField, requestedMaxTokens, setPath } from './invoke-max-tokens.js';

describe('InvokeModel completion-token fields', () => {
  it('strips ARNs and cross-region inference-profile prefixes from model ids', () => {
    expect(baseModelId('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0')).toBe(
      'anthropic.claude-3-haiku-20240307-v1:0',
    );
    expect(
      baseModelId('arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.meta.llama3-2-1b-instruct-v1:0'),
    ).toBe('meta.llama3-2-1b-instruct-v1:0');
    expect(baseModelId('us.amazon.nova-lite-v1:0')).toBe('amazon.nova-lite-v1:0');
    expect(baseModelId('mistral.mistral-large-2402-v1:0')).toBe('mistral.mistral-large-2402-v1:0');
  });

  it("names each family's field, and none for a model it cannot tell", () => {
    const messages = { messages: [] };
    expect(maxTokensField('anthropic.claude-3-5-sonnet-20240620-v1:0', messages)).toEqual(['max_tokens']);
    expect(maxTokensField('anthropic.claude-v2', { prompt: '\n\nHuman: hi\n\nAssistant:' })).toEqual([
      'max_tokens_to_sample',
    ]);
    expect(maxTokensField('us.meta.llama3-1-70b-instruct-v1:0', {})).toEqual(['max_gen_len']);
    expect(maxTokensField('amazon.titan-text-express-v1', {})).toEqual(['textGenerationConfig', 'maxTokenCount']);
    expect(maxTokensField('amazon.nova-pro-v1:0', {})).toEqual(['inferenceConfig', 'max_new_tokens']);
    expect(maxTokensField('mistral.mixtral-8x7b-instruct-v0:1', {})).toEqual(['max_tokens']);
    expect(maxTokensField('cohere.command-r-plus-v1:0', {})).toEqual(['max_tokens']);
    expect(maxTokensField('ai21.jamba-1-5-large-v1:0', {})).toEqual(['max_tokens']);
    expect(maxTokensField('ai21.j2-ultra-v1', {})).toEqual(['maxTokens']);
    expect(maxTokensField('amazon.titan-embed-text-v2:0', {})).toBeUndefined();
    expect(maxTokensField('arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123', {})).toBeUndefined();
  });

  it('reads the largest limit a body asks for in any family field', () => {
    expect(requestedMaxTokens({ max_tokens: 10 })).toBe(10);
    expect(requestedMaxTokens({ textGenerationConfig: { maxTokenCount: 300 }, max_gen_len: 20 })).toBe(300);
    expect(requestedMaxTokens({ inferenceConfig: { max_new_tokens: 7 } })).toBe(7);
    expect(requestedMaxTokens({ temperature: 0.2 })).toBeUndefined();
  });

  it('sets a nested field, keeping what is there, and leaves a non-object alone', () => {
    const body: Record<string, unknown> = { textGenerationConfig: { temperature: 0 } };
    expect(setPath(body, ['textGenerationConfig', 'maxTokenCount'], 64)).toBe(true);
    expect(body).toEqual({ textGenerationConfig: { temperature: 0, maxTokenCount: 64 } });
    const fresh: Record<string, unknown> = {};
    expect(setPath(fresh, ['inferenceConfig', 'max_new_tokens'], 64)).toBe(true);
    expect(fresh).toEqual({ inferenceConfig: { max_new_tokens: 64 } });
    const odd: Record<string, unknown> = { inferenceConfig: 'x' };
    expect(setPath(odd, ['inferenceConfig', 'max_new_tokens'], 64)).toBe(false);
    expect(odd).toEqual({ inferenceConfig: 'x' });
  });
});
