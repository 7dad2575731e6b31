import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverTemplateFiles } from '../discover.js';
import { scanPaths } from '../engine.js';
import { sliceFromText } from '../graph-slice.js';
import { allRules } from '../rules/index.js';
import { scanUnit, type UnitOptions, type UnitResult } from '../scan-unit.js';
import { defaultWorkerScript, runInWorkers } from './pool.js';
import { decodeBatch, encodeBatch } from './serialize.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const fixtures = join(import.meta.dirname, '..', '__fixtures__');
const checkov = join(repo, '..', 'shared', 'corpora', 'checkov-cfn', 'fixtures');
const paths = [fixtures, join(repo, 'examples'), ...(existsSync(checkov) ? [checkov] : [])];

describe('worker pool', () => {
  it('has no compiled worker beside the TypeScript sources, so scans stay in-process here', () => {
    expect(defaultWorkerScript()).toBeUndefined();
  });

  it('round-trips units through the wire format without changing a byte of the findings', () => {
    const files = discoverTemplateFiles(paths, repo);
    const opts: UnitOptions = {
      root: repo,
      rules: allRules,
      includePassed: true,
      maxFileBytes: 1 << 24,
      validateSpec: false,
      discovered: new Set(files.map((f) => f.absolute)),
    };
    const units = files.map((f) => scanUnit(f, opts));
    const back = decodeBatch(structuredClone(encodeBatch(units)));
    expect(JSON.stringify(back.map((u) => u.entries.map((e) => [e.findings, e.error])))).toBe(
      JSON.stringify(units.map((u) => u.entries.map((e) => [e.findings, e.error]))),
    );
    // Graph-rule resources keep their data and the positions graph rules use.
    const before = units.flatMap((u) => u.entries.flatMap((e) => e.slice?.resources ?? []));
    // They arrive as text, decoded when the scan ends.
    const after = back.flatMap((u) =>
      u.entries.flatMap((e) => (e.sliceText === undefined ? [] : sliceFromText(e.sliceText).resources)),
    );
    expect(after).toHaveLength(before.length);
    expect(before.length).toBeGreaterThan(10);
    after.forEach((r, i) => {
      const b = before[i]!;
      expect([r.id, r.type, r.position, r.properties, r.metadata]).toEqual([
        b.id,
        b.type,
        b.position,
        b.properties,
        b.metadata,
      ]);
      for (const key of Object.keys(b.properties)) expect(r.positionOf([key, 'x'])).toEqual(b.positionOf([key, 'x']));
    });
  });

  it('scans on the main thread whatever a broken worker does not, keeping file order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-pool-'));
    const broken = join(dir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('worker cannot start');\n");
    const files = discoverTemplateFiles([fixtures], fixtures);
    const opts: UnitOptions = {
      root: fixtures,
      rules: allRules,
      includePassed: true,
      maxFileBytes: 1 << 24,
      validateSpec: false,
      discovered: new Set(files.map((f) => f.absolute)),
    };
    const seen: number[] = [];
    const units: UnitResult[] = [];
    await runInWorkers(
      files,
      { root: fixtures, ruleIds: [], includePassed: true, maxFileBytes: 1 << 24, validateSpec: false, discovered: [] },
      3,
      broken,
      (f) => scanUnit(f, opts),
      (i, u) => {
        seen.push(i);
        units[i] = u;
      },
    );
    expect(units).toHaveLength(files.length);
    expect(units.map((u) => u.entries[0]!.file)).toEqual(files.map((f) => f.display));
    expect([...seen].sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
  });

  // Worker threads run compiled JavaScript: this check uses dist/ (built by `npm test`), and is skipped when dist/
  // is missing or older than the sources it would be compared with.
  const cli = join(repo, 'bin', 'steward.js');
  const compiledWorker = join(repo, 'dist', 'posture', 'workers', 'scan-worker.js');
  it.skipIf(!distIsFresh(compiledWorker))('gives byte-identical findings for any --jobs (compiled CLI)', () => {
    const run = (jobs: number) => {
      const r = spawnSync(
        process.execPath,
        [cli, 'scan', ...paths, '--format', 'json', '--include-passed', '--validate-spec', '--jobs', String(jobs)],
        { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } },
      );
      expect(r.stderr).not.toMatch(/internal error/);
      return JSON.stringify(JSON.parse(r.stdout).findings);
    };
    const one = run(1);
    expect(JSON.parse(one).length).toBeGreaterThan(100);
    expect(run(2)).toBe(one);
    expect(run(3)).toBe(one);
    // And the same as the in-process library call on the TypeScript sources.
    const lib = scanPaths(paths, { root: repo, validateSpec: true });
    expect(JSON.parse(one).length).toBe(lib.findings.length);
  });
});

function distIsFresh(compiled: string): boolean {
  if (!existsSync(compiled)) return false;
  const builtAt = statSync(compiled).mtimeMs;
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) => {
        const full = join(dir, e.name);
        if (e.isDirectory()) return e.name === '__fixtures__' ? 0 : newest(full);
        return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? statSync(full).mtimeMs : 0;
      }),
    );
  return newest(join(repo, 'src')) <= builtAt;
}
