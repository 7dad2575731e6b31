/**
 * Denied SQL verbs in tool arguments (a `run_query` tool that must stay read-only, say). A verb counts only in SQL
 * form (`DELETE FROM`, `DROP TABLE`, `UPDATE t SET`…), so "please delete my draft" in an email body does not.
 * Verbs without a known form count at the start of a statement (start of the string or after `;`).
 */

export interface SqlVerbRule {
  verb: string;
  test(value: string): boolean;
}

const OBJECT = '(?:table|database|schema|view|index|user|role|function|procedure|trigger|sequence|column|materialized)';

/** How each verb appears as SQL. All are bounded, linear patterns. */
const FORMS: Record<string, string> = {
  DROP: String.raw`\bdrop\s+${OBJECT}\b`,
  DELETE: String.raw`\bdelete\s+from\b`,
  TRUNCATE: String.raw`\btruncate\s+(?:table\s+)?[\w."\x60[\]]`,
  UPDATE: String.raw`\bupdate\s+[\w."\x60[\]]{1,200}\s+set\b`,
  INSERT: String.raw`\binsert\s+(?:into|overwrite)\b`,
  MERGE: String.raw`\bmerge\s+into\b`,
  REPLACE: String.raw`\breplace\s+into\b`,
  ALTER: String.raw`\balter\s+(?:${OBJECT}|system)\b`,
  CREATE: String.raw`\bcreate\s+(?:or\s+replace\s+)?(?:temporary\s+|temp\s+)?${OBJECT}\b`,
  GRANT: String.raw`\bgrant\s+(?:all|select|insert|update|delete|usage|execute|create|alter|drop|references|connect)\b`,
  REVOKE: String.raw`\brevoke\s+(?:all|select|insert|update|delete|usage|execute|create|alter|drop|references|connect)\b`,
  EXEC: String.raw`\bexec(?:ute)?\s+(?:immediate\b|sp_|xp_|@)`,
  EXECUTE: String.raw`\bexec(?:ute)?\s+(?:immediate\b|sp_|xp_|@)`,
  CALL: String.raw`\bcall\s+[\w.]{1,200}\s*\(`,
  COPY: String.raw`\bcopy\s+[\w."]{1,200}\s+(?:from|to)\b`,
  VACUUM: String.raw`(?:^|;)\s*vacuum\b`,
  SHUTDOWN: String.raw`(?:^|;)\s*shutdown\b`,
};

export function compileSqlVerbs(verbs: readonly string[]): SqlVerbRule[] {
  return verbs.map((v) => {
    const verb = v.trim().toUpperCase();
    const source = FORMS[verb] ?? String.raw`(?:^|;)\s*${verb.toLowerCase()}\b`;
    const re = new RegExp(source, 'i');
    return { verb, test: (value) => re.test(value) };
  });
}
