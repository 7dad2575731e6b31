import { describe, expect, it } from 'vitest';
import { fixtureCatalog } from '../findings/__fixtures__/sample-assessment.js';

describe('loadCatalog (fixture)', () => {
  it('loads controls, frameworks and resolves OWASP 2023 aliases', () => {
    const c = fixtureCatalog();
    expect(c.controls.length).toBe(5);
    expect(c.requirement('owasp-llm-2025', 'LLM06:2023')?.id).toBe('LLM02');
    expect(c.controlsFor('nist-800-53-r5', 'SC-28').map((x) => x.id)).toEqual(['dp-kms-cmk-at-rest']);
  });
});
