import { describe, expect, it } from 'vitest';
import { findDangerousSql } from './sql.js';

const entities = (text: string) => findDangerousSql(text).map((s) => [text.slice(s.start, s.end), s.entity]);

describe('findDangerousSql', () => {
  it('flags destructive statements and unbounded writes', () => {
    expect(entities('DROP TABLE users;')).toEqual([['DROP TABLE', 'DANGEROUS_SQL']]);
    expect(entities('truncate table audit_log')).toEqual([['truncate table audit_log', 'DANGEROUS_SQL']]);
    expect(entities('DELETE FROM orders')).toEqual([['DELETE FROM orders', 'DANGEROUS_SQL']]);
    expect(entities("UPDATE users SET role = 'admin'")).toEqual([["UPDATE users SET role = 'admin'", 'DANGEROUS_SQL']]);
    expect(entities('DELETE FROM orders WHERE 1=1')).toEqual([['DELETE FROM orders WHERE 1=1', 'DANGEROUS_SQL']]);
  });

  it('flags injection shapes', () => {
    const kinds = (text: string) => findDangerousSql(text).map((s) => s.entity);
    expect(kinds("SELECT * FROM users WHERE name = '' OR '1'='1'")).toContain('SQL_INJECTION');
    expect(kinds('SELECT name FROM products UNION SELECT password FROM users')).toContain('SQL_INJECTION');
    expect(kinds("admin'--")).toEqual(['SQL_INJECTION']);
    expect(kinds('SELECT 1; DROP TABLE users')).toEqual(expect.arrayContaining(['SQL_STACKED_QUERY', 'DANGEROUS_SQL']));
    expect(kinds('SELECT * FROM t WHERE id = 1 AND SLEEP(5)')).toEqual(['SQL_INJECTION']);
    expect(kinds("EXEC xp_cmdshell 'dir'")).toEqual(['DANGEROUS_SQL']);
  });

  it('passes ordinary queries (near misses)', () => {
    for (const q of [
      'SELECT id, name FROM users WHERE id = 42',
      'DELETE FROM sessions WHERE expires_at < now()',
      'UPDATE users SET last_login = now() WHERE id = 7',
      "SELECT * FROM t WHERE note = 'drop the table later'",
      'Please drop me a line; I will update the table of contents.',
    ]) {
      expect(findDangerousSql(q), q).toEqual([]);
    }
  });

  it('scans 200 KB of unterminated deletes linearly', () => {
    const text = 'DELETE FROM t x '.repeat(12_500);
    const t0 = performance.now();
    expect(findDangerousSql(text).length).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});
