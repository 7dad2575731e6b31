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

/** Chunks are reused: copy each as it comes, as a writer consumes it before asking for the one after next. */
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
    const chunks = p.chunksFor(findings);
    expect(chunks).toBeDefined();
    expect(collect(chunks!).toString()).toBe(printedSorted(findings).toString());
    p.dispose();
  });

  it('stays exact when findings arrive out of report order (those rules are printed at the end)', () => {
    const { findings } = scanned();
    for (const seed of [1, 2, 3]) {
      const r = rng(seed);
      const shuffled = [...findings].sort(() => r() - 0.5);
      const p = new PrerenderedFindings(INDENT, all);
      for (let i = 0; i < shuffled.length; i += 7) p.add(shuffled.slice(i, i + 7));
      expect(collect(p.chunksFor(findings)!).equals(printedSorted(findings))).toBe(true);
      p.dispose();
    }
  });

  it('leaves out what `keep` rejects, and starts only above its threshold', () => {
    const { arrival, findings } = scanned();
    const failing = (f: Finding) => f.status !== 'pass';
    const p = new PrerenderedFindings(INDENT, failing, 10);
    for (const batch of arrival) p.add(batch);
    const kept = findings.filter(failing);
    expect(kept.length).toBeLessThan(findings.length);
    expect(collect(p.chunksFor(kept)!).equals(printedSorted(kept))).toBe(true);
    p.dispose();

    const few = new PrerenderedFindings(INDENT, all, findings.length);
    for (const batch of arrival) few.add(batch);
    expect(few.chunksFor(findings)).toBeUndefined();
  });

  it('declines when the findings are not the ones added', () => {
    const { arrival, findings } = scanned();
    const p = new PrerenderedFindings(INDENT, all);
    for (const batch of arrival) p.add(batch);
    expect(p.chunksFor(findings.slice(1))).toBeUndefined();
    // Same count, another finding in place of one: the per-rule counts differ.
    const other = findings.find((f) => f.ruleId !== findings[0]!.ruleId || f.severity !== findings[0]!.severity)!;
    expect(p.chunksFor([other, ...findings.slice(1)])).toBeUndefined();
    p.dispose();
  });

  it('keeps pieces larger than a chunk whole, and multi-byte characters intact', () => {
    const findings = multibyteFindings(4000, 1_500_000, 2000);
    const p = new PrerenderedFindings(INDENT, all);
    for (let i = 0; i < findings.length; i += 100) p.add(findings.slice(i, i + 100));
    const chunks = copies(p.chunksFor(findings)!);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(Buffer.from(c.toString('utf8')).equals(c)).toBe(true);
    expect(Buffer.concat(chunks).equals(printedSorted(findings))).toBe(true);
    p.dispose();
  });
});
