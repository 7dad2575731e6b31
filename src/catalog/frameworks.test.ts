import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../util/package-root.js';
import { loadYamlFile } from '../util/yaml-file.js';
import {
  DISCIPLINES,
  type Framework,
  type FrameworkId,
  FrameworkSchema,
  SCOPE_TITLES,
  SCOPES,
  ScopingMatrixSchema,
} from './schema.js';

const catalogDir = join(packageRoot(), 'data', 'catalog');

/** The reference-data files this suite owns: framework id → file name. */
const FILES: Partial<Record<FrameworkId, string>> = {
  'nist-800-53-r5': 'nist-800-53-r5.yaml',
  'iso-27001-2022': 'iso-27001-2022.yaml',
  soc2: 'soc2.yaml',
  hipaa: 'hipaa.yaml',
  gdpr: 'gdpr.yaml',
  'pci-dss-4': 'pci-dss-4.yaml',
  'eu-ai-act': 'eu-ai-act.yaml',
  'nist-ai-rmf': 'nist-ai-rmf.yaml',
  'iso-42001': 'iso-42001.yaml',
};

const cache = new Map<string, Framework>();
function framework(id: FrameworkId): Framework {
  const file = FILES[id];
  if (!file) throw new Error(`no file for ${id}`);
  let fw = cache.get(id);
  if (!fw) {
    fw = loadYamlFile(join(catalogDir, 'frameworks', file), FrameworkSchema, file);
    cache.set(id, fw);
  }
  return fw;
}
const ids = (id: FrameworkId) => framework(id).requirements.map((r) => r.id);

/** `prefix1 … prefixN` for each [prefix, N]: the ids of a numbered series. */
function series(parts: [string, number][]): string[] {
  return parts.flatMap(([prefix, n]) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`));
}

describe.each(Object.keys(FILES) as FrameworkId[])('framework %s', (id) => {
  it('validates against FrameworkSchema and carries its own id', () => {
    const fw = framework(id);
    expect(fw.id).toBe(id);
    expect(fw.requirements.length).toBeGreaterThan(0);
  });

  it('defines every requirement id and alias once', () => {
    const keys = framework(id).requirements.flatMap((r) => [r.id, ...r.aliases]);
    const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(dupes).toEqual([]);
  });

  it('puts every requirement in one of its declared groups, and uses every group', () => {
    const fw = framework(id);
    const groupIds = fw.groups.map((g) => g.id);
    expect(new Set(groupIds).size).toBe(groupIds.length);
    const orphans = fw.requirements.filter((r) => r.group === undefined || !groupIds.includes(r.group));
    expect(orphans.map((r) => r.id)).toEqual([]);
    const unused = groupIds.filter((g) => !fw.requirements.some((r) => r.group === g));
    expect(unused).toEqual([]);
  });

  it('gives every requirement a non-trivial title', () => {
    const weak = framework(id).requirements.filter((r) => r.title.trim().length < 4 || r.title.trim() === r.id);
    expect(weak.map((r) => r.id)).toEqual([]);
  });
});

describe('frameworks listed whole', () => {
  it('ISO/IEC 27001:2022 Annex A has all 93 controls, each in its theme', () => {
    const expected = series([
      ['A.5.', 37],
      ['A.6.', 8],
      ['A.7.', 14],
      ['A.8.', 34],
    ]);
    expect(ids('iso-27001-2022')).toEqual(expected);
    for (const r of framework('iso-27001-2022').requirements) expect(r.id.startsWith(`${r.group}.`)).toBe(true);
  });

  it('ISO/IEC 42001:2023 Annex A has all 38 controls under their objectives', () => {
    const expected = [
      ...series([
        ['A.2.', 4],
        ['A.3.', 3],
        ['A.4.', 6],
        ['A.5.', 5],
      ]).filter((x) => !x.endsWith('.1')),
      'A.6.1.2',
      'A.6.1.3',
      ...series([['A.6.2.', 8]]).filter((x) => !x.endsWith('.1')),
      ...series([
        ['A.7.', 6],
        ['A.8.', 5],
        ['A.9.', 4],
        ['A.10.', 4],
      ]).filter((x) => !x.endsWith('.1')),
    ];
    expect(expected).toHaveLength(38);
    expect(ids('iso-42001')).toEqual(expected);
    for (const r of framework('iso-42001').requirements) expect(r.id.startsWith(`${r.group}.`)).toBe(true);
  });

  it('NIST AI RMF 1.0 has its 19 categories under the four functions', () => {
    const expected = series([
      ['GOVERN-', 6],
      ['MAP-', 5],
      ['MEASURE-', 4],
      ['MANAGE-', 4],
    ]);
    expect(ids('nist-ai-rmf')).toEqual(expected);
    for (const r of framework('nist-ai-rmf').requirements) expect(r.id.split('-')[0]).toBe(r.group);
  });

  it('SOC 2 has every Trust Services Criterion, CC1.1 through P8.1', () => {
    const common = series([
      ['CC1.', 5],
      ['CC2.', 3],
      ['CC3.', 4],
      ['CC4.', 2],
      ['CC5.', 3],
      ['CC6.', 8],
      ['CC7.', 5],
      ['CC8.', 1],
      ['CC9.', 2],
    ]);
    const additional = series([
      ['A1.', 3],
      ['C1.', 2],
      ['PI1.', 5],
      ['P1.', 1],
      ['P2.', 1],
      ['P3.', 2],
      ['P4.', 3],
      ['P5.', 2],
      ['P6.', 7],
      ['P7.', 1],
      ['P8.', 1],
    ]);
    expect(ids('soc2')).toEqual([...common, ...additional]);
    for (const r of framework('soc2').requirements) expect(r.id.split('.')[0]).toBe(r.group);
  });

  it('HIPAA lists every Security Rule standard and implementation specification', () => {
    const all = ids('hipaa');
    expect(all).toHaveLength(65);
    // One standard per safeguard area, and specifications in each, as HHS cites them.
    for (const x of [
      '164.308(a)(1)(i)',
      '164.308(a)(1)(ii)(A)',
      '164.308(a)(7)(ii)(E)',
      '164.308(a)(8)',
      '164.308(b)(1)',
      '164.310(a)(2)(iv)',
      '164.310(d)(1)',
      '164.312(a)(2)(iv)',
      '164.312(b)',
      '164.312(c)(2)',
      '164.312(e)(1)',
      '164.312(e)(2)(ii)',
      '164.314(a)(1)',
      '164.314(a)(2)(iii)',
      '164.316(b)(1)',
      '164.316(b)(2)(iii)',
    ])
      expect(all).toContain(x);
    for (const r of framework('hipaa').requirements) {
      expect(r.id).toMatch(/^164\.3(08|10|12|14|16)(\([a-z0-9]+\)|\([ivx]+\)|\([A-E]\))+$/);
      expect(r.id.slice(0, 7)).toBe(r.group);
    }
    // The 2013 rule has 22 standards at 164.308–164.316 (not counting 164.306).
    const standards = [
      '164.308(a)(1)(i)',
      '164.308(a)(2)',
      '164.308(a)(3)(i)',
      '164.308(a)(4)(i)',
      '164.308(a)(5)(i)',
      '164.308(a)(6)(i)',
      '164.308(a)(7)(i)',
      '164.308(a)(8)',
      '164.308(b)(1)',
      '164.310(a)(1)',
      '164.310(b)',
      '164.310(c)',
      '164.310(d)(1)',
      '164.312(a)(1)',
      '164.312(b)',
      '164.312(c)(1)',
      '164.312(d)',
      '164.312(e)(1)',
      '164.314(a)(1)',
      '164.314(b)(1)',
      '164.316(a)',
      '164.316(b)(1)',
    ];
    expect(standards.filter((s) => !all.includes(s))).toEqual([]);
  });
});

describe('frameworks listed in part', () => {
  it('NIST SP 800-53 r5 has the 20 families and ~150+ well-formed controls', () => {
    const fw = framework('nist-800-53-r5');
    expect(fw.groups.map((g) => g.id)).toEqual([
      'AC',
      'AT',
      'AU',
      'CA',
      'CM',
      'CP',
      'IA',
      'IR',
      'MA',
      'MP',
      'PE',
      'PL',
      'PM',
      'PS',
      'PT',
      'RA',
      'SA',
      'SC',
      'SI',
      'SR',
    ]);
    expect(fw.requirements.length).toBeGreaterThanOrEqual(150);
    const byId = new Map(fw.requirements.map((r) => [r.id, r]));
    for (const r of fw.requirements) {
      const m = /^([A-Z]{2})-(\d+)(?:\((\d+)\))?$/.exec(r.id);
      expect(m, r.id).not.toBeNull();
      expect(m?.[1]).toBe(r.group);
      if (m?.[3]) {
        // An enhancement sits beside its base control and is titled "Base | Enhancement".
        const base = byId.get(`${m[1]}-${m[2]}`);
        expect(base, `${r.id} needs its base control`).toBeDefined();
        expect(r.title.startsWith(`${base?.title} | `)).toBe(true);
      }
    }
    for (const x of ['AC-2', 'AC-2(1)', 'AC-6', 'AU-2', 'SC-7', 'SC-28', 'SC-28(1)', 'SI-4', 'SR-4'])
      expect(byId.has(x), x).toBe(true);
  });

  it('PCI DSS 4.0 uses numbered requirements grouped by principal requirement 1–12', () => {
    const fw = framework('pci-dss-4');
    expect(fw.groups.map((g) => g.id)).toEqual(series([['', 12]]));
    for (const r of fw.requirements) {
      expect(r.id).toMatch(/^\d{1,2}(\.\d{1,2}){2,4}$/);
      expect(r.id.split('.')[0]).toBe(r.group);
    }
    for (const x of ['1.2.1', '3.5.1', '8.3.6', '10.2.1', '11.3.1', '12.10.1']) expect(ids('pci-dss-4')).toContain(x);
  });

  it('GDPR has the articles the catalog conventions name', () => {
    const required = [5, 6, 9, ...Array.from({ length: 10 }, (_, i) => 13 + i), 24, 25, 28, 30, 32, 33, 34, 35, 36]
      .concat([37, 44])
      .map((n) => `Art.${n}`);
    expect(required.filter((x) => !ids('gdpr').includes(x))).toEqual([]);
    expect(framework('gdpr').requirements.find((r) => r.id === 'Art.32')?.title).toBe('Security of processing');
  });

  it('EU AI Act has the articles the catalog conventions name', () => {
    const required = [4, 5, 9, 10, 11, 12, 13, 14, 15, 17, 19, 26, 27, 50, 53, 55, 72, 73].map((n) => `Art.${n}`);
    expect(required.filter((x) => !ids('eu-ai-act').includes(x))).toEqual([]);
    expect(framework('eu-ai-act').requirements.find((r) => r.id === 'Art.14')?.title).toBe('Human oversight');
  });

  it('article ids are well formed and in article order', () => {
    for (const id of ['gdpr', 'eu-ai-act'] as const) {
      const nums = ids(id).map((x) => {
        expect(x).toMatch(/^Art\.\d+$/);
        return Number(x.slice(4));
      });
      expect(nums).toEqual([...nums].sort((a, b) => a - b));
    }
  });
});

describe('GenAI security scoping matrix', () => {
  const matrix = loadYamlFile(join(catalogDir, 'scoping-matrix.yaml'), ScopingMatrixSchema, 'scoping-matrix.yaml');

  it('lists the five disciplines and the five scopes in order', () => {
    expect(matrix.disciplines.map((d) => d.id)).toEqual([...DISCIPLINES]);
    expect(matrix.scopes.map((s) => s.scope)).toEqual([...SCOPES]);
    for (const s of matrix.scopes) {
      expect(s.title).toBe(SCOPE_TITLES[s.scope]);
      expect(s.description.length).toBeGreaterThan(40);
      expect(s.example.length).toBeGreaterThan(20);
    }
  });

  it('asks two to five things of the customer for every discipline in every scope', () => {
    for (const s of matrix.scopes)
      for (const d of DISCIPLINES) {
        const asks = s.asks[d] ?? [];
        expect(asks.length, `scope ${s.scope} ${d}`).toBeGreaterThanOrEqual(2);
        expect(asks.length, `scope ${s.scope} ${d}`).toBeLessThanOrEqual(5);
      }
  });

  it('never repeats an ask, since later scopes add to what earlier scopes already ask', () => {
    const all = matrix.scopes.flatMap((s) => Object.values(s.asks).flat());
    const dupes = all.filter((a, i) => all.indexOf(a) !== i);
    expect(dupes).toEqual([]);
  });

  it('asks more of the customer once it owns model weights and training data', () => {
    const count = (n: number) =>
      Object.values(matrix.scopes.find((s) => s.scope === n)?.asks ?? {}).reduce((sum, a) => sum + a.length, 0);
    expect(count(3)).toBeGreaterThan(count(1));
    expect(count(5)).toBeGreaterThan(count(3));
    const text = (n: number) => JSON.stringify(matrix.scopes.find((s) => s.scope === n)?.asks).toLowerCase();
    expect(text(1)).toContain('acceptable-use');
    expect(text(4)).toContain('model card');
    expect(text(5)).toContain('lineage');
  });
});
