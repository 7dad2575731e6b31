import { describe, expect, it } from 'vitest';
import { isRegulated, WorkloadProfileSchema } from './workload-profile.js';

const profile = (p: Record<string, unknown>) => WorkloadProfileSchema.parse({ name: 'w', ...p });

describe('isRegulated (the guide’s regulated-workload test)', () => {
  it('is false for an unregulated internal tool', () => {
    expect(isRegulated(profile({ frameworks: ['owasp-llm-2025'] }))).toEqual({ regulated: false, reasons: [] });
  });
  it('is true when any compliance framework applies', () => {
    const v = isRegulated(profile({ frameworks: ['hipaa'] }));
    expect(v.regulated).toBe(true);
    expect(v.reasons[0]).toMatch(/hipaa/);
  });
  it('is true for legal records, safety-critical or high-liability outputs', () => {
    expect(isRegulated(profile({ outputs: { legalRecord: true } })).regulated).toBe(true);
    expect(isRegulated(profile({ outputs: { safetyCritical: true } })).regulated).toBe(true);
    expect(isRegulated(profile({ outputs: { highLiability: true } })).regulated).toBe(true);
  });
  it('is true for HR, lending, medical and safety domains', () => {
    for (const d of ['hr', 'lending', 'medical', 'safety'])
      expect(isRegulated(profile({ domains: [d] })).regulated).toBe(true);
    expect(isRegulated(profile({ domains: ['marketing'] })).regulated).toBe(false);
  });
  it('counts PHI and card data', () => {
    expect(isRegulated(profile({ dataCategories: ['phi'] })).reasons).toEqual([
      'handles protected health information (HIPAA)',
    ]);
  });
});
