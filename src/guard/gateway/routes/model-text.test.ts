import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slotSegments } from '../text-slots.js';
import { modelTextSlots } from './model-text.js';

const texts = (doc: unknown, direction: 'input' | 'output') => slotSegments(modelTextSlots(doc, direction));

describe('modelTextSlots', () => {
  it('reads Anthropic Messages bodies: system, turns by role, tool results, and skips images and tool_use', () => {
    const body = {
      anthropic_version: 'bedrock-2023-05-31',
      system: 'Be kind.',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hello' },
            { type: 'image', source: { data: 'AAAA' } },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'x', input: { text: 'args' } }] },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'result' }] }],
        },
      ],
      max_tokens: 10,
    };
    expect(texts(body, 'input')).toEqual([
      { role: 'system', text: 'Be kind.' },
      { role: 'user', text: 'hello' },
      { role: 'tool', text: 'result' },
    ]);
  });

  it('reads Titan, Llama, Cohere and Nova request shapes', () => {
    expect(texts({ inputText: 'a', textGenerationConfig: { maxTokenCount: 5 } }, 'input')).toEqual([
      { role: 'user', text: 'a' },
    ]);
    expect(texts({ prompt: 'b', max_gen_len: 5 }, 'input')).toEqual([{ role: 'user', text: 'b' }]);
    expect(texts({ message: 'c', preamble: 'p', chat_history: [{ role: 'CHATBOT', message: 'd' }] }, 'input')).toEqual([
      { role: 'user', text: 'c' },
      { role: 'system', text: 'p' },
      { role: 'assistant', text: 'd' },
    ]);
    expect(texts({ texts: ['e', 'f'], input_type: 'search_document' }, 'input').map((s) => s.text)).toEqual(['e', 'f']);
    expect(
      texts(
        {
          system: [{ text: 's' }],
          messages: [{ role: 'user', content: [{ text: 'g' }] }],
          inferenceConfig: { text: 'no' },
        },
        'input',
      ),
    ).toEqual([
      { role: 'system', text: 's' },
      { role: 'user', text: 'g' },
    ]);
  });

  it('reads answers of several families as assistant text', () => {
    expect(texts({ content: [{ type: 'text', text: 'A' }], stop_reason: 'end_turn' }, 'output')).toEqual([
      { role: 'assistant', text: 'A' },
    ]);
    expect(texts({ results: [{ outputText: 'B', completionReason: 'FINISH' }] }, 'output')).toEqual([
      { role: 'assistant', text: 'B' },
    ]);
    expect(texts({ generation: 'C', stop_reason: 'stop' }, 'output')).toEqual([{ role: 'assistant', text: 'C' }]);
    expect(texts({ outputs: [{ text: 'D', stop_reason: 'stop' }] }, 'output')).toEqual([
      { role: 'assistant', text: 'D' },
    ]);
    expect(texts({ type: 'content_block_delta', delta: { type: 'text_delta', text: 'E' } }, 'output')).toEqual([
      { role: 'assistant', text: 'E' },
    ]);
  });

  it('never throws and only points at strings, on any JSON', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom('input', 'output') as fc.Arbitrary<'input' | 'output'>,
        (doc, direction) => {
          for (const slot of modelTextSlots(doc, direction)) {
            expect(typeof (slot.holder as Record<string | number, unknown>)[slot.key]).toBe('string');
          }
        },
      ),
    );
  });
});
