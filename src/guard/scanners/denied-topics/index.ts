import { RE2JS } from 're2js';
import { z } from 'zod';
import type { Scanner, ScannerFactory, ScanResult, Span } from '../../types.js';
import { sentences } from '../grounding/sentences.js';
import { TopicModel } from './topic-model.js';

const Topic = z
  .strictObject({
    /** Shown in the verdict's details; also counts as an example. */
    name: z.string().trim().min(1),
    /** What the topic covers, in a sentence (Bedrock Guardrails' `definition`). */
    definition: z.string().default(''),
    /** Sample prompts on the topic (Bedrock Guardrails' `examples`): their words weigh most. */
    examples: z.array(z.string()).default([]),
    /** Words or phrases that on their own are strong evidence for the topic. */
    keywords: z.array(z.string().trim().min(1)).default([]),
    /** RE2 regular expressions (case-insensitive); a match scores 1. */
    patterns: z.array(z.string().min(1)).default([]),
  })
  .refine((t) => t.definition.trim() || t.examples.length || t.keywords.length || t.patterns.length, {
    message: 'give the topic a definition, examples, keywords or patterns',
  })
  .superRefine((t, ctx) => {
    t.patterns.forEach((p, i) => {
      try {
        RE2JS.compile(p, RE2JS.CASE_INSENSITIVE);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        ctx.addIssue({ code: 'custom', path: ['patterns', i], message: `invalid RE2 regular expression: ${why}` });
      }
    });
  });

const DeniedTopicsOptions = z.strictObject({
  topics: z.array(Topic).min(1, 'list at least one topic'),
});
type DeniedTopicsOptions = z.infer<typeof DeniedTopicsOptions>;

/** Sentences scoring at least this are spans even when a lower policy threshold flagged the text. */
const SPAN_SCORE = 0.5;

const NOTHING: ScanResult = { score: 0, spans: [] };

/**
 * Bedrock Guardrails' denied topics with a lexical model (see topic-model.ts): each sentence is scored against each
 * topic's weighted word stems, keywords and patterns; the text's score is its best sentence's. Spans are the
 * sentences on a denied topic (`DENIED_TOPIC`), so `redact` removes just those.
 */
export const deniedTopicsScanner: ScannerFactory<DeniedTopicsOptions> = {
  name: 'denied_topics',
  description: 'Topics the application must not discuss (name, definition, examples), matched lexically per sentence.',
  owasp: ['LLM09'],
  directions: ['input', 'output'],
  defaultAction: 'block',
  defaultThreshold: 0.5,
  options: DeniedTopicsOptions,
  create(options): Scanner {
    const model = new TopicModel(options.topics);
    return {
      name: 'denied_topics',
      scan(text) {
        if (text.length === 0) return NOTHING;
        const hits = model.score(text, sentences(text));
        if (hits.length === 0) return NOTHING;
        let top = hits[0]!;
        for (const h of hits) if (h.score > top.score) top = h;
        const spans: Span[] = hits
          .filter((h) => h.score >= SPAN_SCORE || h === top)
          .sort((a, b) => a.start - b.start || b.score - a.score)
          .filter((h, i, all) => i === 0 || h.start !== all[i - 1]!.start)
          .map((h) => ({ start: h.start, end: h.end, entity: 'DENIED_TOPIC', score: round(h.score) }));
        const byTopic = new Map<string, { topic: string; score: number; evidence: string[] }>();
        for (const h of hits) {
          const cur = byTopic.get(h.topic);
          if (!cur || h.score > cur.score)
            byTopic.set(h.topic, { topic: h.topic, score: round(h.score), evidence: h.evidence });
        }
        const topics = [...byTopic.values()].sort((a, b) => b.score - a.score).slice(0, 3);
        return { score: top.score, spans, details: { topic: top.topic, topics } };
      },
    };
  },
};

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
