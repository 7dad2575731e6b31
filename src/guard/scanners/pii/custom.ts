import { RE2JS } from 're2js';
import { z } from 'zod';
import type { Span } from '../../types.js';

/** Entity of spans found by the `deny` list. */
export const DENY_LIST_ENTITY = 'DENY_LIST';

export const CustomEntitySchema = z.strictObject({
  /** Names the spans and the `[ENTITY]` placeholder. */
  entity: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'use UPPER_SNAKE_CASE, e.g. EMPLOYEE_ID'),
  /** RE2 syntax (re2js): linear time whatever the input, so a policy cannot hang the gateway. */
  pattern: z
    .string()
    .min(1, 'give a non-empty pattern')
    .superRefine((pattern, ctx) => {
      const problem = re2Problem(pattern);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  score: z.number().min(0).max(1).default(0.9),
  ignoreCase: z.boolean().default(false),
});
export type CustomEntity = z.infer<typeof CustomEntitySchema>;

/** Why a pattern cannot be used, or undefined when it compiles and cannot match the empty string. */
export function re2Problem(pattern: string): string | undefined {
  try {
    const re = RE2JS.compile(pattern);
    if (re.matches('')) return 'pattern matches the empty string; it would flag nothing useful';
    return undefined;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return `invalid regular expression (RE2 syntax: no lookaround or backreferences): ${why}`;
  }
}

export interface CompiledCustom {
  entity: string;
  score: number;
  re: RE2JS;
}

export function compileCustom(entries: readonly CustomEntity[]): CompiledCustom[] {
  return entries.map((e) => ({
    entity: e.entity,
    score: e.score,
    re: RE2JS.compile(e.pattern, e.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0),
  }));
}

export function detectCustom(text: string, custom: readonly CompiledCustom[], out: Span[]): void {
  for (const c of custom) {
    if (!c.re.test(text)) continue;
    const m = c.re.matcher(text);
    while (m.find()) {
      const start = m.start();
      const end = m.end();
      if (end > start) out.push({ start, end, entity: c.entity, score: c.score });
    }
  }
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * One case-insensitive regex over literal terms (no user regex syntax, so no ReDoS): word boundaries are added on
 * the sides of a term that begin or end with a word character, so "ann" does not flag "annual".
 */
export function compileDenyList(terms: readonly string[]): RegExp | undefined {
  const alternatives = terms
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((t) => {
      const body = t.replace(REGEX_SPECIAL, '\\$&');
      return `${/^\w/.test(t) ? '\\b' : ''}${body}${/\w$/.test(t) ? '\\b' : ''}`;
    });
  return alternatives.length ? new RegExp(alternatives.join('|'), 'gi') : undefined;
}

export function detectDenied(text: string, deny: RegExp, out: Span[]): void {
  deny.lastIndex = 0;
  for (let m = deny.exec(text); m !== null; m = deny.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length, entity: DENY_LIST_ENTITY, score: 1 });
  }
}

/** Allow-list key: case and separators do not matter ("4111-1111…" allows "4111 1111…"). */
export function allowKey(value: string): string {
  return value.toLowerCase().replace(/[\s\-().]/g, '');
}
