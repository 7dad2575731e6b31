/**
 * SQL in a model's output that a `sql` sink would execute: destructive statements, data-wide writes without a
 * WHERE clause, and the shapes of SQL injection (UNION SELECT, tautologies, quote-comment truncation, stacked
 * queries, time delays, file and command access).
 */
import type { Span } from '../../types.js';
import { type PatternRule, runRules } from './rules.js';

const RULES: readonly PatternRule[] = [
  {
    re: /\bdrop\s+(?:table|database|schema|view|index|user|role|procedure|function|trigger|sequence)\b/gi,
    entity: 'DANGEROUS_SQL',
    score: 1,
    why: 'DROP of a database object',
  },
  { re: /\btruncate\s+(?:table\s+)?[\w."`[\]]+/gi, entity: 'DANGEROUS_SQL', score: 1, why: 'TRUNCATE' },
  {
    re: /\b(?:alter\s+(?:user|role|login)|create\s+(?:user|login)|grant\s+all\b|revoke\s+all\b)/gi,
    entity: 'DANGEROUS_SQL',
    score: 0.9,
    why: 'account or privilege change',
  },
  {
    re: /\b(?:xp_cmdshell|sp_oacreate|sp_configure|load_file\s*\(|pg_read_file\s*\(|pg_ls_dir\s*\(|lo_import\s*\(|into\s+(?:out|dump)file\b|(?:from|to)\s+program\b)/gi,
    entity: 'DANGEROUS_SQL',
    score: 1,
    why: 'file or operating-system command access',
  },
  { re: /\bunion\s+(?:all\s+|distinct\s+)?select\b/gi, entity: 'SQL_INJECTION', score: 0.8, why: 'UNION SELECT' },
  {
    re: /'\s*(?:or|and)\s+(?:'[^'\n]{0,40}'|\d{1,10}|true)\s*(?:=|<>|!=|like)\s*(?:'[^'\n]{0,40}|\d{1,10}|true)/gi,
    entity: 'SQL_INJECTION',
    score: 0.9,
    why: "quote-breaking tautology (' OR '1'='1)",
  },
  { re: /\bor\s+(\d{1,10})\s*=\s*\1\b/gi, entity: 'SQL_INJECTION', score: 0.9, why: 'tautology (OR 1=1)' },
  { re: /'(?:\s*;)?--/g, entity: 'SQL_INJECTION', score: 0.7, why: "quote then comment (admin'--)" },
  {
    re: /\b(?:sleep|pg_sleep|benchmark)\s*\(|\bwaitfor\s+delay\b/gi,
    entity: 'SQL_INJECTION',
    score: 0.8,
    why: 'time delay',
  },
  {
    re: /;\s*(?:select|insert|update|delete|drop|alter|create|truncate|grant|revoke|exec|execute|shutdown|declare|merge|call)\b/gi,
    entity: 'SQL_STACKED_QUERY',
    score: 0.6,
    why: 'stacked query',
  },
];

const UNBOUNDED_WRITE = /\b(?:delete\s+from|update)\s+[\w."`[\]]+(?:\s+set\b)?/gi;
const STATEMENT_END = /;|\n\s*\n/g;
const WHERE = /\bwhere\b/gi;
const TAUTOLOGY = /where\s+(?:1\s*=\s*1|true|'([^'\n]{0,20})'\s*=\s*'\1')\s*(?:;|$|--|\)|\s+or\b)/iy;

export function findDangerousSql(text: string): Span[] {
  const spans: Span[] = [];
  runRules(text, RULES, spans);
  // Statement ends and WHERE keywords are found with forward-only cursors, so many statements stay linear.
  const stops = cursor(STATEMENT_END, text);
  const wheres = cursor(WHERE, text);
  UNBOUNDED_WRITE.lastIndex = 0;
  for (let m = UNBOUNDED_WRITE.exec(text); m; m = UNBOUNDED_WRITE.exec(text)) {
    const isUpdate = m[0][0] === 'u' || m[0][0] === 'U';
    if (isUpdate && !/\bset$/i.test(m[0])) continue;
    const from = m.index + m[0].length;
    const end = stops.next(from) ?? text.length;
    const where = wheres.next(from);
    if (where === undefined || where >= end) {
      spans.push({ start: m.index, end, entity: 'DANGEROUS_SQL', score: isUpdate ? 0.9 : 1 });
      continue;
    }
    TAUTOLOGY.lastIndex = where;
    if (TAUTOLOGY.test(text)) spans.push({ start: m.index, end, entity: 'DANGEROUS_SQL', score: 0.9 });
  }
  return spans;
}

/** Positions of `re`'s matches, asked for in increasing order: each match is found once. */
function cursor(re: RegExp, text: string): { next(from: number): number | undefined } {
  re.lastIndex = 0;
  let current = re.exec(text);
  return {
    next(from) {
      while (current && current.index < from) {
        re.lastIndex = Math.max(from, current.index + 1);
        current = re.exec(text);
      }
      return current?.index;
    },
  };
}
