import type { Span } from '../../types.js';

/** One pattern of a sink check. Every pattern is global, bounded and free of nested quantifiers (linear scans). */
export interface PatternRule {
  re: RegExp;
  entity: string;
  score: number;
  /** Short reason, for tests and docs. */
  why: string;
}

export function runRules(text: string, rules: readonly PatternRule[], spans: Span[]): void {
  for (const rule of rules) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      spans.push({ start: m.index, end: m.index + m[0].length, entity: rule.entity, score: rule.score });
      if (m[0].length === 0) rule.re.lastIndex++;
    }
  }
}
