/** `limits.maxTokens` on InvokeModel: the cap goes into the model family's own field; more is refused. */
import { InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

const POLICY = `
version: 1
limits:
  maxTokens: 64
`;

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ policyText: POLICY });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.upstream.reset());

const invoke = (modelId: string, body: unknown) =>
  h.bedrock.send(new InvokeModelCommand({ modelId, contentType: 'application/json', body: JSON.stringify(body) }));

describe('InvokeModel completion-token cap', () => {
  it("adds the cap in the family's field when the request names none", async () => {
    await invoke('us.meta.llama3-1-8b-instruct-v1:0', { prompt: 'Say hello.' });
    expect(h.upstream.last().json).toEqual({ prompt: 'Say hello.', max_gen_len: 64 });
    await invoke('amazon.titan-text-express-v1', { inputText: 'Say hello.', textGenerationConfig: { temperature: 0 } });
    expect(h.upstream.last().json.textGenerationConfig).toEqual({ temperature: 0, maxTokenCount: 64 });
    await invoke('amazon.nova-lite-v1:0', { messages: [{ role: 'user', content: [{ text: 'Say hello.' }] }] });
    expect(h.upstream.last().json.inferenceConfig).toEqual({ max_new_tokens: 64 });
  });

  it('forwards a request within the cap as it is, and refuses one asking for more', async () => {
    const body = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 32,
      messages: [{ role: 'user', content: 'Say hello.' }],
    };
    await invoke('anthropic.claude-3-haiku-20240307-v1:0', body);
    expect(h.upstream.last().json).toEqual(body);
    const e = (await invoke('anthropic.claude-3-haiku-20240307-v1:0', { ...body, max_tokens: 500 }).catch(
      (x: unknown) => x,
    )) as Error;
    expect(e.name).toBe('ValidationException');
    expect(h.upstream.received).toHaveLength(1);
  });

  it('leaves a model it cannot place alone', async () => {
    await invoke('amazon.titan-embed-text-v2:0', { inputText: 'embed me' });
    expect(h.upstream.last().json).toEqual({ inputText: 'embed me' });
  });
});
