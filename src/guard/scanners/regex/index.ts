import { RE2JS } from 're2js';
import { z } from 'zod';
import type { Scanner, ScannerFactory, ScanResult, Span } from '../../types.js';

/** `PATTERN_NAME` style, like every other entity. */
const Entity = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'use UPPER_SNAKE_CASE, e.g. INTERNAL_HOST');

const PatternEntry = z.union([
  z.string(),
  z.strictObject({
    pattern: z.string(),
    /** Entity named in spans and in the `[ENTITY]` placeholder. */
    entity: Entity.optional(),
    ignoreCase: z.boolean().default(false),
  }),
]);

interface CompiledPattern {
  re: RE2JS;
  entity: string;
}

/**
 * User patterns compile with re2js (RE2 semantics: linear time, no backreferences or lookaround), so a policy
 * author cannot write a pattern that hangs the gateway. A bad pattern is a policy error at its own line.
 */
const RegexOptions = z
  .strictObject({
    patterns: z.array(PatternEntry).min(1, 'list at least one pattern'),
    /** Entity for patterns that do not name one. */
    entity: Entity.default('DENIED_PATTERN'),
  })
  .transform((o, ctx) => {
    const compiled: CompiledPattern[] = [];
    const alternatives: string[] = [];
    o.patterns.forEach((p, i) => {
      const { pattern, ignoreCase, entity } =
        typeof p === 'string' ? { pattern: p, ignoreCase: false, entity: undefined } : p;
      try {
        const re = RE2JS.compile(pattern, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
        compiled.push({ re, entity: entity ?? o.entity });
        alternatives.push(ignoreCase ? `(?i:${pattern})` : `(?:${pattern})`);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        ctx.addIssue({
          code: 'custom',
          path: ['patterns', i],
          message: `invalid regular expression (RE2 syntax: no lookaround or backreferences): ${why}`,
        });
      }
    });
    // One DFA pass over the text decides whether any pattern matches; spans are only computed then.
    const any = compiled.length ? RE2JS.compile(alternatives.join('|')) : undefined;
    return { compiled, any };
  });
type RegexOptions = z.infer<typeof RegexOptions>;

const NOTHING: ScanResult = { score: 0, spans: [] };

export const regexScanner: ScannerFactory<RegexOptions> = {
  name: 'regex',
  description: 'Deny-list of user regular expressions (RE2, linear time); each match is a span.',
  owasp: ['LLM01', 'LLM02', 'LLM05'],
  directions: ['input', 'output'],
  defaultAction: 'block',
  defaultThreshold: 0.5,
  options: RegexOptions as z.ZodType<RegexOptions>,
  create({ compiled, any }): Scanner {
    return {
      name: 'regex',
      scan(text) {
        if (!any?.test(text)) return NOTHING;
        const spans: Span[] = [];
        for (const { re, entity } of compiled) {
          const m = re.matcher(text);
          while (m.find()) {
            const start = m.start();
            const end = m.end();
            // An empty match (`a*`) redacts nothing; skip it rather than emit a zero-width span.
            if (end > start) spans.push({ start, end, entity, score: 1 });
          }
        }
        return spans.length ? { score: 1, spans } : NOTHING;
      },
    };
  },
};
