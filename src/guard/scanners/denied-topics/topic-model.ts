/**
 * The lexical topic model behind `denied_topics`. A topic (Bedrock Guardrails' shape: name, definition, examples)
 * becomes weighted word stems; a sentence's evidence for a topic is the sum of the weights of the distinct topic
 * stems it contains, plus half of the previous sentence's (a question often spans two), squashed to 0..1:
 *
 *   score = 1 − exp(−evidence / 2)
 *
 * so one example word alone (1.0 → 0.39) stays under the default threshold 0.5, two topic words pass (2.0 → 0.63),
 * and a user keyword (2.5 → 0.71) passes alone. A user pattern (RE2) that matches scores 1. It is lexical: it
 * finds topics by the words they are discussed with, not by meaning, so paraphrases with none of those words pass
 * and unrelated texts that share several of them are flagged. Add examples and keywords to tune it.
 */
import { RE2JS } from 're2js';
import { PhraseMatcher } from '../word-filter/phrase-matcher.js';
import { words } from '../word-filter/words.js';
import { ENGLISH_STOPWORDS, GENERIC_WORDS } from './english.js';
import { stem } from './stem.js';
import { contentTerms, contentTermsOf } from './terms.js';

export interface TopicDefinition {
  name: string;
  definition: string;
  examples: readonly string[];
  keywords: readonly string[];
  patterns: readonly string[];
}

/** Evidence weights; see the file comment for how they turn into scores. */
export const WEIGHTS = {
  /** A stem in the topic's name or examples. */
  example: 1,
  /** A stem only in the definition (definitions carry more scaffolding words than examples do). */
  definition: 0.8,
  /** A stem in both. */
  both: 1.2,
  /** A GENERIC_WORDS stem, wherever it appears. */
  generic: 0.2,
  /** One occurrence of a user keyword or key phrase. */
  keyword: 2.5,
  /** Share of the previous sentence's evidence carried into the next. */
  carry: 0.5,
  /** Evidence scale of the squashing function. */
  scale: 2,
} as const;

export interface TopicHit {
  topic: string;
  score: number;
  /** Sentence bounds (or the pattern match) that scored. */
  start: number;
  end: number;
  /** Matched stems and keywords, for the verdict's details. */
  evidence: string[];
}

interface CompiledTopic {
  name: string;
  patterns: RE2JS[];
}

export function squash(evidence: number): number {
  return 1 - Math.exp(-evidence / WEIGHTS.scale);
}

/** Stems of a text as a topic keyword: every word, stopwords included, so `how to` stays a phrase. */
function keywordStems(phrase: string): string[] {
  return words(phrase).map((w) => stem(w.norm));
}

export class TopicModel {
  private readonly topics: CompiledTopic[] = [];
  /** stem → [(topic index, weight)] */
  private readonly stemIndex = new Map<string, { topic: number; weight: number }[]>();
  private readonly keywords = new PhraseMatcher<{ topic: number; phrase: string }>();

  constructor(definitions: readonly TopicDefinition[]) {
    definitions.forEach((t, topic) => {
      const weights = new Map<string, number>();
      const fromExamples = new Set<string>();
      for (const text of [t.name, ...t.examples]) for (const term of contentTerms(text)) fromExamples.add(term.stem);
      const fromDefinition = new Set(contentTerms(t.definition).map((term) => term.stem));
      for (const s of new Set([...fromExamples, ...fromDefinition])) {
        const both = fromExamples.has(s) && fromDefinition.has(s);
        let weight: number = both ? WEIGHTS.both : fromExamples.has(s) ? WEIGHTS.example : WEIGHTS.definition;
        if (GENERIC_WORDS.has(s) || isGenericStem(s)) weight = WEIGHTS.generic;
        weights.set(s, weight);
      }
      for (const [s, weight] of weights) {
        let list = this.stemIndex.get(s);
        if (!list) {
          list = [];
          this.stemIndex.set(s, list);
        }
        list.push({ topic, weight });
      }
      for (const k of t.keywords) {
        const stems = keywordStems(k);
        if (stems.length > 0) this.keywords.add(stems, { topic, phrase: k });
      }
      this.topics.push({ name: t.name, patterns: t.patterns.map((p) => RE2JS.compile(p, RE2JS.CASE_INSENSITIVE)) });
    });
  }

  get topicNames(): string[] {
    return this.topics.map((t) => t.name);
  }

  /**
   * Every (topic, sentence) pair with evidence, plus one hit per matching user pattern. Sentences come from the
   * caller (sorted, non-overlapping) so the scanner can reuse them for spans.
   */
  score(text: string, sentences: readonly { start: number; end: number }[]): TopicHit[] {
    const hits: TopicHit[] = [];
    if (this.stemIndex.size > 0 || this.keywords.size > 0) this.scoreSentences(text, sentences, hits);
    for (const t of this.topics) {
      for (const re of t.patterns) {
        const m = re.matcher(text);
        if (!m.find()) continue;
        hits.push({ topic: t.name, score: 1, start: m.start(), end: m.end(), evidence: [`pattern ${re.pattern()}`] });
        break;
      }
    }
    return hits;
  }

  private scoreSentences(text: string, sentences: readonly { start: number; end: number }[], out: TopicHit[]): void {
    const all = words(text);
    const terms = contentTermsOf(all);
    // Keywords may contain stopwords (`how to`), so they are matched over all words, not only content terms.
    const keywordMatches = this.keywords.size > 0 ? this.keywords.matchAll(all.map((w) => stem(w.norm))) : [];
    const topicCount = this.topics.length;
    const evidence = new Float64Array(topicCount);
    const previous = new Float64Array(topicCount);
    const matched: string[][] = Array.from({ length: topicCount }, () => []);
    // stem → index of the last sentence it counted in: one Map for the whole text, not a Set per sentence.
    const lastCounted = new Map<string, number>();
    let t = 0;
    let k = 0;
    for (let si = 0; si < sentences.length; si++) {
      const sentence = sentences[si]!;
      evidence.fill(0);
      for (const list of matched) list.length = 0;
      for (; t < terms.length && terms[t]!.start < sentence.end; t++) {
        const term = terms[t]!;
        if (term.start < sentence.start) continue;
        const hits = this.stemIndex.get(term.stem);
        if (!hits || lastCounted.get(term.stem) === si) continue;
        lastCounted.set(term.stem, si);
        for (const { topic, weight } of hits) {
          evidence[topic] = evidence[topic]! + weight;
          matched[topic]!.push(term.norm);
        }
      }
      for (; k < keywordMatches.length && all[keywordMatches[k]!.first]!.start < sentence.end; k++) {
        const m = keywordMatches[k]!;
        if (all[m.first]!.start < sentence.start) continue;
        evidence[m.payload.topic] = evidence[m.payload.topic]! + WEIGHTS.keyword;
        matched[m.payload.topic]!.push(`keyword ${m.payload.phrase}`);
      }
      for (let topic = 0; topic < topicCount; topic++) {
        const own = evidence[topic]!;
        if (own > 0) {
          const score = squash(own + WEIGHTS.carry * previous[topic]!);
          const name = this.topics[topic]!.name;
          out.push({ topic: name, score, start: sentence.start, end: sentence.end, evidence: [...matched[topic]!] });
        }
        previous[topic] = own;
      }
    }
  }
}

/** Stems of GENERIC_WORDS, so `wanted` or `helping` are generic too. */
const GENERIC_STEMS = new Set([...GENERIC_WORDS].map(stem));
function isGenericStem(s: string): boolean {
  return GENERIC_STEMS.has(s) || ENGLISH_STOPWORDS.has(s);
}
