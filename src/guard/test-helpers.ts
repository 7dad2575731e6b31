/** Scanner factories for the guard's own tests: predictable detections, failures and scores. */
import { z } from 'zod';
import type { ScannerFactory, Span } from './types.js';

/** Finds every occurrence of each needle; one entity per needle list. */
export function literalScanner(name = 'literal', entity = 'SECRET_WORD'): ScannerFactory<{ needles: string[] }> {
  return {
    name,
    description: 'test: literal needles',
    owasp: ['LLM02'],
    directions: ['input', 'output'],
    defaultAction: 'redact',
    defaultThreshold: 0.5,
    options: z.strictObject({ needles: z.array(z.string().min(1)).default([]) }),
    create: ({ needles }) => ({
      name,
      scan(text) {
        const spans: Span[] = [];
        for (const n of needles) {
          for (let i = text.indexOf(n); i !== -1; i = text.indexOf(n, i + n.length)) {
            spans.push({ start: i, end: i + n.length, entity, score: 1 });
          }
        }
        return { score: spans.length ? 1 : 0, spans };
      },
    }),
  };
}

/** Returns the configured score on every text, without spans. */
export const scoreScanner: ScannerFactory<{ score: number }> = {
  name: 'fixed_score',
  description: 'test: fixed score',
  owasp: ['LLM01'],
  directions: ['input'],
  defaultAction: 'block',
  defaultThreshold: 0.5,
  options: z.strictObject({ score: z.number() }),
  create: ({ score }) => ({ name: 'fixed_score', scan: () => ({ score, spans: [] }) }),
};

/** Throws on every text containing `boom` (or always when `always`). */
export const throwingScanner: ScannerFactory<{ always: boolean }> = {
  name: 'throwing',
  description: 'test: throws',
  owasp: [],
  directions: ['input', 'output'],
  defaultAction: 'flag',
  defaultThreshold: 0.5,
  options: z.strictObject({ always: z.boolean().default(true) }),
  create: ({ always }) => ({
    name: 'throwing',
    scan(text) {
      if (always || text.includes('boom')) throw new Error('scanner exploded');
      return { score: 0, spans: [] };
    },
  }),
};

/** Returns the spans it is given, whatever the text: for fuzzing span handling. */
export function fixedSpansScanner(spans: () => Span[]): ScannerFactory<Record<string, never>> {
  return {
    name: 'fixed_spans',
    description: 'test: fixed spans',
    owasp: [],
    directions: ['input', 'output'],
    defaultAction: 'redact',
    defaultThreshold: 0.5,
    options: z.strictObject({}),
    create: () => ({ name: 'fixed_spans', scan: () => ({ score: 1, spans: spans() }) }),
  };
}
