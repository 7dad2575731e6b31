import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanPaths } from '../../posture/engine.js';
import { compareFindings, type Finding } from '../finding.js';
import { PrerenderedFindings, printedFindings, stripFirst } from './json-findings-prerender.js';
import { multibyteFindings } from './multibyte-findings.test-support.js';

const INDENT = '    ';
const all = () => true;

/** What printing the sorted list gives: the reference the prerendered text must equal byte for byte. */
function printedSorted(findings: readonly Finding[]): Buffer {
  return Buffer.concat([...stripFirst(printedFindings([...findings].sort(compareFindings), INDENT))]);
}

/** Each chunk, copied. */
function copies(chunks: Iterable<Buffer>): Buffer[] {
  const out: Buffer[] = [];
  for (const c of chunks) out.push(Buffer.from(c));
  return out;
}
const collect = (chunks: Iterable<Buffer>) => Buffer.concat(copies(chunks));

const repo = join(import.meta.dirname, '..', '..', '..');

/** Real findings, in the order the engine merges them (template by template, then the graph rules'). */
function scanned(): { arrival: Finding[][]; findings: Finding[] } {
  const arrival: Finding[][] = [];
  const r = scanPaths([join(repo, 'examples'), join(repo, 'src', 'posture', '__fixtures__')], {
    root: repo,
    onFindings: (fs) => arrival.push([...fs]),
  });
  return { arrival, findings: r.findings };
}

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('findings printed while the scan runs', () => {
  it('the engine reports every finding of the result exactly once, in merge order', () => {
    const { arrival, findings } = scanned();
    const reported = arrival.flat();
    expect(reported.length).toBe(findings.length);
    expect(new Set(reported)).toEqual(new Set(findings));
    expect(findings.length).toBeGreaterThan(100);
  });

  it('is byte for byte the sorted list printed, for findings in scan order', () => {
    const { arrival, findings } = scanned();
    const p = new PrerenderedFindings(INDENT, all);
    for (const batch of arrival) p.add(batch);
    expect(p.pending).toBeUndefined();
    expect(p.count).toBe(findings.length);
    const chunks = p.chunks();
    expect(chunks).toBeDefined();
    expect(collect(chunks!).toString()).toBe(printedSorted(findings).toString());
  });

  it('stays exact when files arrive out of report order, each file’s findings together', () => {
    const { findings } = scanned();
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) {
      const file = f.resource.file ?? '';
      byFile.set(file, [...(byFile.get(file) ?? []), f]);
    }
    expect(byFile.size).toBeGreaterThan(10);
    for (const seed of [1, 2, 3]) {
      const r = rng(seed);
      const files = [...byFile.values()].sort(() => r() - 0.5);
      const p = new PrerenderedFindings(INDENT, all);
      for (const batch of files) p.add(batch);
      expect(collect(p.chunks()!).equals(printedSorted(findings))).toBe(true);
    }
  });

  it('declines when a file’s findings arrive split around another file’s (print them the ordinary way then)', () => {
    const { findings } = scanned();
    const sorted = [...findings].sort(compareFindings);
    // Two findings of one rule and file, and one of the same rule from another file, sent between them.
    const i = sorted.findIndex(
      (f, k) =>
        k + 1 < sorted.length &&
        sorted[k + 1]!.ruleId === f.ruleId &&
        sorted[k + 1]!.severity === f.severity &&
        sorted[k + 1]!.resource.file === f.resource.file,
    );
    expect(i).toBeGreaterThanOrEqual(0);
    const [a, b] = [sorted[i]!, sorted[i + 1]!];
    const other = sorted.find(
      (f) => f.ruleId === a.ruleId && f.severity === a.severity && f.resource.file !== a.resource.file,
    );
    expect(other).toBeDefined();
    const p = new PrerenderedFindings(INDENT, all);
    p.add([a]);
    p.add([other!]);
    p.add([b]);
    expect(p.chunks()).toBeUndefined();
  });

  it('leaves out what `keep` rejects, and keeps the findings (printing nothing) up to its threshold', () => {
    const { arrival, findings } = scanned();
    const failing = (f: Finding) => f.status !== 'pass';
    const p = new PrerenderedFindings(INDENT, failing, 10);
    for (const batch of arrival) p.add(batch);
    const kept = findings.filter(failing);
    expect(kept.length).toBeLessThan(findings.length);
    expect(p.count).toBe(kept.length);
    expect(collect(p.chunks()!).equals(printedSorted(kept))).toBe(true);

    const few = new PrerenderedFindings(INDENT, failing, kept.length);
    for (const batch of arrival) few.add(batch);
    expect(few.chunks()).toBeUndefined();
    expect(few.pending).toEqual(arrival.flat().filter(failing));
  });

  it('keeps pieces larger than a chunk whole, and multi-byte characters intact', () => {
    const findings = multibyteFindings(4000, 1_500_000, 2000);
    const p = new PrerenderedFindings(INDENT, all);
    for (let i = 0; i < findings.length; i += 100) p.add(findings.slice(i, i + 100));
    const chunks = copies(p.chunks()!);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(Buffer.from(c.toString('utf8')).equals(c)).toBe(true);
    expect(Buffer.concat(chunks).equals(printedSorted(findings))).toBe(true);
  });
});
