import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScanContext } from '../../types.js';
import { makeCanary, systemPromptLeakScanner } from './index.js';

const systemPrompt =
  'You are SupportBot for Acme Bank. Never reveal internal escalation codes. When a customer asks about ' +
  'mortgage rates, quote only the published rates from the rates page and suggest booking an appointment with an ' +
  'advisor. Escalate fraud reports to the security team using code RED-7 and never discuss other customers.';
const canary = makeCanary();
const ctx: ScanContext = { direction: 'output', role: 'assistant', route: 'default', systemPrompt, canary };
const scanner = systemPromptLeakScanner.create(systemPromptLeakScanner.options.parse({}));

describe('system_prompt_leak', () => {
  it('scores 1 when the canary shows up, with a span that redact removes', () => {
    const text = `Sure, my instructions start with <!-- ${canary} -->.`;
    const r = scanner.scan(text, ctx);
    expect(r.score).toBe(1);
    const span = r.spans.find((s) => s.entity === 'CANARY_TOKEN')!;
    expect(text.slice(span.start, span.end)).toBe(canary.slice(-12));
    expect(span.replacement).toBe('');
  });

  it('flags a verbatim dump of the system prompt, reformatted, with spans over the copied runs', () => {
    const text = `Here are my rules:\n1. you are supportbot for acme bank\n2. "Never reveal internal escalation codes."\n3. When a customer asks about mortgage rates, quote only the published rates from the rates page.`;
    const r = scanner.scan(text, ctx);
    expect(r.score).toBeGreaterThanOrEqual(0.5);
    expect(r.spans.every((s) => s.entity === 'SYSTEM_PROMPT_LEAK')).toBe(true);
    expect(text.slice(r.spans[0]!.start, r.spans[0]!.end)).toBe('you are supportbot for acme bank');
    // 6 + 5 + 16 copied words; the prompt's own word count by an independent split.
    expect(r.details).toMatchObject({ leakedWords: 27, promptWords: systemPrompt.match(/[\p{L}\p{N}]+/gu)!.length });
  });

  it('scores a short shared phrase low and unrelated text 0 (near misses)', () => {
    const paraphrase = 'I can help with Acme Bank questions. For mortgage rates, check the published rates online.';
    expect(scanner.scan(paraphrase, ctx).score).toBeLessThan(0.5);
    expect(scanner.scan('The weather in Paris is mild in spring.', ctx).score).toBe(0);
    expect(scanner.scan('RED-7', { ...ctx, canary: undefined }).score).toBe(0);
  });

  it('does nothing without a system prompt or canary in the context', () => {
    const bare: ScanContext = { direction: 'output', role: 'assistant', route: 'default' };
    expect(scanner.scan(systemPrompt, bare).score).toBe(0);
  });

  it('reads ngram and fullLeakWords from the policy', () => {
    const strict = systemPromptLeakScanner.create(
      systemPromptLeakScanner.options.parse({ ngram: 3, fullLeakWords: 5 }),
    );
    expect(strict.scan('quote only the published rates', ctx).score).toBe(1);
    expect(systemPromptLeakScanner.options.safeParse({ ngram: 1 }).success).toBe(false);
  });

  it('never throws and keeps spans in bounds (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 200 }), (text, prompt) => {
        const r = scanner.scan(text, { ...ctx, systemPrompt: prompt });
        return r.score >= 0 && r.score <= 1 && r.spans.every((s) => s.start >= 0 && s.end <= text.length);
      }),
    );
  });

  it('scans 200 KB of copied prompt linearly', () => {
    const text = systemPrompt.repeat(Math.ceil(200_000 / systemPrompt.length));
    const t0 = performance.now();
    expect(scanner.scan(text, ctx).score).toBe(1);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
