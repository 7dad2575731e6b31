import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanPaths } from '../../engine.js';
import { ResourceGraph } from '../../graph.js';
import { allRules } from '../../rules/index.js';
import { parseTerraformPlan } from '../terraform-plan.js';
import { fixturePath, fixtureText } from './test-fixtures.js';

const PLAN = 'comments/plan.json';
const rules = allRules.filter((r) => ['s3-bucket-versioning', 's3-bucket-kms-encryption'].includes(r.id));

/** Each resource's suppression comments as `rule source: reason`, by address. */
function commentsByAddress(planPath: string, display: string) {
  const t = parseTerraformPlan(fixtureText(PLAN), display, { path: planPath })!;
  return Object.fromEntries(
    t.resources.map((r) => {
      const list = (r.metadata.terraform as { suppressions?: { rule: string; source: string; reason: string }[] })
        .suppressions;
      return [r.id, (list ?? []).map((s) => `${s.rule} ${s.source}: ${s.reason}`)];
    }),
  );
}

describe('Terraform suppression comments', () => {
  it('maps the comments of each .tf block to its resources: instances, local modules, folded resources', () => {
    expect(commentsByAddress(fixturePath(PLAN), 'infra/plan.json')).toEqual({
      'aws_s3_bucket.logs[0]': [
        's3-bucket-versioning infra/main.tf:3: Access logs are write-once; versioning only adds cost',
      ],
      'aws_s3_bucket.logs[1]': [
        's3-bucket-versioning infra/main.tf:3: Access logs are write-once; versioning only adds cost',
      ],
      'aws_s3_bucket.raw': [
        'CKV_AWS_21 infra/main.tf:11: Scratch data, rebuilt nightly',
        's3-bucket-kms-encryption infra/main.tf:12: ',
      ],
      // The `*` comment above it is cut off by a blank line; the one in its tags is a string.
      'aws_s3_bucket.plain': [],
      // Comes from the folded aws_s3_bucket_versioning.archive block.
      'aws_s3_bucket.archive': [
        's3-bucket-kms-encryption infra/main.tf:33: Archive objects are encrypted client-side before upload',
      ],
      'module.store.aws_s3_bucket.data["a"]': [
        '* infra/modules/store/main.tf:5: Test fixture data, deleted after every run',
      ],
      'module.store.aws_s3_bucket.data["b"]': [
        '* infra/modules/store/main.tf:5: Test fixture data, deleted after every run',
      ],
      // `../inner` is resolved from the calling module's folder; the heredoc line is not a comment.
      'module.store.module.inner.aws_s3_bucket.deep': [
        'CKV_AWS_19 infra/modules/inner/main.tf:8: Holds public test vectors only',
      ],
    });
  });

  it('shows .tf paths absolute when the plan is shown absolute', () => {
    const absolute = fixturePath(PLAN);
    const deep = commentsByAddress(absolute, absolute)['module.store.module.inner.aws_s3_bucket.deep']!;
    expect(deep).toEqual([
      `CKV_AWS_19 ${join(absolute, '../modules/inner/main.tf')}:8: Holds public test vectors only`,
    ]);
  });

  it('applies them to findings in a scan: Steward ids, Checkov ids through equivalents, never reason-less ones', () => {
    const { findings, stats } = scanPaths([fixturePath(PLAN)], { rules });
    expect(stats.parseErrors).toBe(0);
    const planDir = relative(process.cwd(), fixturePath('comments')).split('\\').join('/');
    const failing = findings
      .filter((f) => f.status === 'fail')
      .map((f) => {
        const s = f.suppression;
        const where = s?.source?.replace(`${planDir}/`, '');
        return `${f.ruleId} ${f.resource.id}${s ? ` suppressed at ${where}: ${s.reason}` : ''}`;
      });
    expect(failing).toEqual([
      's3-bucket-kms-encryption aws_s3_bucket.logs[0]',
      's3-bucket-versioning aws_s3_bucket.logs[0] suppressed at main.tf:3: Access logs are write-once; versioning only adds cost',
      's3-bucket-kms-encryption aws_s3_bucket.logs[1]',
      's3-bucket-versioning aws_s3_bucket.logs[1] suppressed at main.tf:3: Access logs are write-once; versioning only adds cost',
      's3-bucket-kms-encryption aws_s3_bucket.raw',
      's3-bucket-versioning aws_s3_bucket.raw suppressed at main.tf:11: Scratch data, rebuilt nightly (from checkov:skip comment)',
      's3-bucket-kms-encryption aws_s3_bucket.plain',
      's3-bucket-versioning aws_s3_bucket.plain',
      's3-bucket-kms-encryption aws_s3_bucket.archive suppressed at main.tf:33: Archive objects are encrypted client-side before upload',
      's3-bucket-kms-encryption module.store.aws_s3_bucket.data["a"] suppressed at modules/store/main.tf:5: Test fixture data, deleted after every run',
      's3-bucket-versioning module.store.aws_s3_bucket.data["a"] suppressed at modules/store/main.tf:5: Test fixture data, deleted after every run',
      's3-bucket-kms-encryption module.store.aws_s3_bucket.data["b"] suppressed at modules/store/main.tf:5: Test fixture data, deleted after every run',
      's3-bucket-versioning module.store.aws_s3_bucket.data["b"] suppressed at modules/store/main.tf:5: Test fixture data, deleted after every run',
      's3-bucket-kms-encryption module.store.module.inner.aws_s3_bucket.deep suppressed at modules/inner/main.tf:8: Holds public test vectors only (from checkov:skip comment)',
      's3-bucket-versioning module.store.module.inner.aws_s3_bucket.deep',
    ]);
    const raw = findings.find((f) => f.ruleId === 's3-bucket-kms-encryption' && f.resource.id === 'aws_s3_bucket.raw')!;
    expect(raw.message).toContain(
      `[${planDir}/main.tf:12: steward suppression of s3-bucket-kms-encryption has no reason, so it is not applied]`,
    );
    // Findings point at the `.tf` block that declares the resource (every instance of a count/for_each at its
    // block), beside the plan and in local modules.
    expect(new Set(findings.map((f) => f.resource.file))).toEqual(
      new Set([`${planDir}/main.tf`, `${planDir}/modules/store/main.tf`, `${planDir}/modules/inner/main.tf`]),
    );
    expect([raw.resource.line, raw.resource.column]).toEqual([9, 1]);
    const logs = findings.filter((f) => f.resource.id.startsWith('aws_s3_bucket.logs['));
    expect(new Set(logs.map((f) => `${f.resource.file}:${f.resource.line}`))).toEqual(
      new Set([`${planDir}/main.tf:4`]),
    );
  });

  it('keeps the plan as the template of every resource, wherever its block is', () => {
    const t = parseTerraformPlan(fixtureText(PLAN), 'comments/plan.json', { path: fixturePath(PLAN) })!;
    const g = new ResourceGraph();
    g.add(t);
    expect(new Set(t.resources.map((r) => r.position.file)).size).toBe(3);
    expect(new Set(t.resources.map((r) => g.templateFile(r)))).toEqual(new Set(['comments/plan.json']));
  });

  describe('when the .tf files cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-tf-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('still scans the plan, without comments: a .tf that is a folder, binary junk, a missing module folder', () => {
      copyFileSync(fixturePath(PLAN), join(dir, 'plan.json'));
      mkdirSync(join(dir, 'main.tf'));
      writeFileSync(join(dir, 'junk.tf'), Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0x0a, 0x7d, 0x7d, 0x23]));
      const t = parseTerraformPlan(fixtureText(PLAN), 'plan.json', { path: join(dir, 'plan.json') })!;
      expect(t.resources).toHaveLength(8);
      expect(t.resources.filter((r) => 'suppressions' in (r.metadata.terraform as object))).toEqual([]);
      const { findings, stats } = scanPaths([join(dir, 'plan.json')], { root: dir, rules });
      expect(stats.parseErrors).toBe(0);
      expect(findings.filter((f) => f.status === 'fail').length).toBe(15);
      expect(findings.filter((f) => f.suppression || f.status === 'error')).toEqual([]);
    });

    it('finds the plan folder from a display path under the working directory only when that file is this plan', () => {
      const other = join(dir, 'copy');
      mkdirSync(other);
      copyFileSync(fixturePath(PLAN), join(other, 'plan.json'));
      copyFileSync(fixturePath('comments/main.tf'), join(other, 'main.tf'));
      const display = relative(process.cwd(), join(other, 'plan.json'));
      const commented = (text: string) =>
        parseTerraformPlan(text, display)!.resources.filter((r) => 'suppressions' in (r.metadata.terraform as object));
      expect(commented(fixtureText(PLAN)).map((r) => r.id)).toContain('aws_s3_bucket.raw');
      // The same plan minified is not the file at that path: its folder is not taken for the plan's.
      expect(commented(JSON.stringify(JSON.parse(fixtureText(PLAN))))).toEqual([]);
    });
  });
});
