import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../catalog/catalog.js';
import { scanPaths } from '../../posture/engine.js';
import { RollupBuilder, rollup } from '../assessment.js';
import { compareFindings, type Finding } from '../finding.js';
import { SummaryBuilder, summarize } from './json.js';
import { printedFindings, stripFirst } from './json-findings-prerender.js';
import { RUN_STRIDE, renderedCount, renderedTallies, renderFindings } from './rendered-findings.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const INDENT = '    ';

function scannedBatches(): Finding[][] {
  const batches: Finding[][] = [];
  scanPaths([join(repo, 'examples'), join(repo, 'src', 'posture', '__fixtures__')], {
    root: repo,
    onFindings: (f) => batches.push([...f]),
  });
  return batches;
}

describe('findings printed where they are found', () => {
  it('prints a batch in report order, in runs of one severity, rule and file', () => {
    const batch = scannedBatches().flat();
    const r = renderFindings(batch, { indent: INDENT, includePassed: true });
    const sorted = [...batch].sort(compareFindings);
    expect(Buffer.from(r.text).equals(Buffer.concat([...printedFindings(sorted, INDENT)]))).toBe(true);
    expect(renderedCount(r)).toBe(batch.length);
    // Each run holds the findings it says, and runs follow each other without gaps.
    let start = 0;
    let at = 0;
    for (let i = 0; i < r.runs.length; i += RUN_STRIDE) {
      const [sev, rule, file, end, n] = [...r.runs.subarray(i, i + RUN_STRIDE)];
      const run = sorted.slice(at, at + n!);
      expect(run.every((f) => f.severity === r.strings[sev!] && f.ruleId === r.strings[rule!])).toBe(true);
      expect(run.every((f) => (f.resource.file ?? '') === r.strings[file!])).toBe(true);
      const text = Buffer.from(r.text.subarray(start, end));
      expect(text.equals(Buffer.concat([...printedFindings(run, INDENT)]))).toBe(true);
      start = end!;
      at += n!;
    }
    expect(at).toBe(batch.length);
    expect(
      Buffer.concat([...stripFirst([Buffer.from(r.text)])])
        .toString()
        .startsWith('    {'),
    ).toBe(true);
  });

  it('counts what the summary and the roll-up count, whatever the batches', () => {
    const batches = scannedBatches();
    const all = batches.flat();
    const catalog = bundledCatalog();
    for (const includePassed of [true, false]) {
      const kept = all.filter((f) => includePassed || f.status !== 'pass');
      const r = new RollupBuilder(catalog);
      const s = new SummaryBuilder();
      for (const b of batches)
        for (const [severity, controls, counter, n] of renderedTallies(
          renderFindings(b, { indent: INDENT, includePassed }),
        )) {
          r.addCount(severity, controls, counter, n);
          s.addCount(severity, counter, n);
        }
      expect(r.finish()).toEqual(rollup(kept, catalog));
      expect(s.finish('high')).toEqual(summarize(kept, 'high'));
      expect(s.finish('high').total).toBe(kept.length);
    }
    expect(all.some((f) => f.status === 'pass')).toBe(true);
    expect(all.some((f) => f.controls.length === 0) || all.some((f) => f.controls.length > 1)).toBe(true);
  });

  it('an empty batch prints nothing', () => {
    const r = renderFindings([], { indent: INDENT, includePassed: false });
    expect([r.text.length, r.runs.length, r.tallies.length]).toEqual([0, 0, 0]);
  });
});
