import { describe, expect, it } from 'vitest';
import { emailDetector } from './email.js';
import { found, run } from './test-helpers.js';

describe('emailDetector', () => {
  it('finds addresses with exact spans', () => {
    const text = 'Write to john.doe+news@mail.example.co.uk, or (jane_o@corp-x.io).';
    expect(found(emailDetector, text)).toEqual(['john.doe+news@mail.example.co.uk', 'jane_o@corp-x.io']);
    const [entity, , score] = run(emailDetector, text)[0]!;
    expect(entity).toBe('EMAIL_ADDRESS');
    expect(score).toBeGreaterThanOrEqual(0.9);
  });

  it('ends at the sentence full stop and trailing hyphen', () => {
    expect(found(emailDetector, 'mail me: a.b@example.com.')).toEqual(['a.b@example.com']);
    expect(found(emailDetector, 'x@example.org-')).toEqual(['x@example.org']);
  });

  it('rejects near misses', () => {
    for (const text of [
      'user@localhost',
      '@mention me',
      'a@b.c',
      'john..doe@example.com',
      '.@example.com',
      'name.@example.com',
      'foo@example.c0m',
      'price: 5 @ 3.50',
    ]) {
      expect(found(emailDetector, text), text).toEqual([]);
    }
  });

  it('rejects a local part longer than 64 characters', () => {
    expect(found(emailDetector, `${'a'.repeat(65)}@example.com`)).toEqual([]);
    expect(found(emailDetector, `${'a'.repeat(64)}@example.com`)).toHaveLength(1);
  });
});
