import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanPaths } from '../../posture/engine.js';
import { compareFindings, type Finding } from '../finding.js';
import { PrerenderedFindings, printedFindings, stripFirst } from './json-findings-prerender.js';
import { multibyteFindings } from './multibyte-findings.test-support.js';
import { renderFindings } from './rendered-findings.js';

const INDENT = '    ';
const ALL = { indent: INDENT, includePassed: true };
/** A printer fed batches of findings, printed as a scan's threads print them. */
function printer(
  batches: readonly (readonly Finding[])[],
  spec = ALL,
  opts?: ConstructorParameters<typeof PrerenderedFindings>[0],
): PrerenderedFindings {
  const p = new PrerenderedFindings(opts);
  for (const b of batches) p.add(renderFindings(b, spec));
  return p;
}

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
    const p = printer(arrival);
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
      const p = printer([...byFile.values()].sort(() => r() - 0.5));
      expect(collect(p.chunks()!).equals(printedSorted(findings))).toBe(true);
    }
  });

  it('declines when a file’s findings arrive in two batches (print them the ordinary way then)', () => {
    const { findings } = scanned();
    const sorted = [...findings].sort(compareFindings);
    // Two findings of one rule and file, sent apart.
    const i = sorted.findIndex(
      (f, k) =>
        k + 1 < sorted.length &&
        sorted[k + 1]!.ruleId === f.ruleId &&
        sorted[k + 1]!.severity === f.severity &&
        sorted[k + 1]!.resource.file === f.resource.file,
    );
    expect(i).toBeGreaterThanOrEqual(0);
    expect(printer([[sorted[i]!], [sorted[i + 1]!]]).chunks()).toBeUndefined();
    expect(
      collect(printer([[sorted[i]!, sorted[i + 1]!]]).chunks()!).equals(printedSorted([sorted[i]!, sorted[i + 1]!])),
    ).toBe(true);
  });

  it('leaves out passing verdicts unless asked to keep them', () => {
    const { arrival, findings } = scanned();
    const p = printer(arrival, { indent: INDENT, includePassed: false });
    const kept = findings.filter((f) => f.status !== 'pass');
    expect(kept.length).toBeLessThan(findings.length);
    expect(p.count).toBe(kept.length);
    expect(collect(p.chunks()!).equals(printedSorted(kept))).toBe(true);
  });

  it('keeps pieces larger than a chunk whole, and multi-byte characters intact', () => {
    const findings = multibyteFindings(4000, 1_500_000, 2000);
    const batches: Finding[][] = [];
    for (let i = 0; i < findings.length; i += 1000) batches.push(findings.slice(i, i + 1000));
    // One file: all in one batch, or the text could not be put in order.
    expect(printer(batches).chunks()).toBeUndefined();
    const chunks = copies(printer([findings]).chunks()!);
    for (const c of chunks) expect(Buffer.from(c.toString('utf8')).equals(c)).toBe(true);
    expect(Buffer.concat(chunks).equals(printedSorted(findings))).toBe(true);
  });

  it('keeps text beyond its memory budget in a scratch file, removed from its folder at once, with the same result', () => {
    const { arrival, findings } = scanned();
    const dir = mkdtempSync(join(tmpdir(), 'steward-spill-'));
    for (const memoryBytes of [0, 20_000]) {
      const p = printer(arrival, ALL, { memoryBytes, scratchDir: dir });
      expect(p.spilled).toBeGreaterThan(0);
      if (memoryBytes > 0) expect(p.spilled).toBeLessThan(arrival.filter((b) => b.length > 0).length);
      // Nothing is left in the folder, even while the scratch file is in use.
      expect(readdirSync(dir)).toEqual([]);
      expect(collect(p.chunks()!).equals(printedSorted(findings))).toBe(true);
      p.dispose();
    }
    expect(printer(arrival).spilled).toBe(0);
  });

  it('keeps text in memory when the scratch file cannot be made', () => {
    const { arrival, findings } = scanned();
    const file = join(mkdtempSync(join(tmpdir(), 'steward-spill-')), 'not-a-folder');
    writeFileSync(file, 'x');
    const p = printer(arrival, ALL, { memoryBytes: 0, scratchDir: file });
    expect(p.spilled).toBe(0);
    expect(collect(p.chunks()!).equals(printedSorted(findings))).toBe(true);
    p.dispose();
  });
});
