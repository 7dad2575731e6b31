#!/usr/bin/env node
// One cdk-nag worker process: `node nag-worker.mjs <job.json>` where the job is { files: [...], out: "result.json" }.
// Per template: App → Stack → CfnInclude → AwsSolutions + HIPAA Security + NIST 800-53 R5 packs → app.synth(),
// then the violations are read back from the cloud assembly's validation-report.json.
//
// cdk-nag 3 registers packs as CDK policy-validation plugins (`Validations.of(app).addPlugins(...)`); the
// `Aspects.of(app).add(...)` form and the NagReport CSV/JSON files belong to cdk-nag 2 and are gone in 3.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const loadStarted = performance.now();
const cdk = await import('aws-cdk-lib');
const { CfnInclude } = await import('aws-cdk-lib/cloudformation-include');
const nag = await import('cdk-nag');
const require = createRequire(import.meta.url);
const nagVersion = require('cdk-nag/package.json').version;
if (Number(nagVersion.split('.')[0]) < 3) throw new Error(`cdk-nag ${nagVersion}: this bench drives cdk-nag 3`);
const loadMs = performance.now() - loadStarted;

const STACK = 'Bench';
const INCLUDE = 'Template';
const RULE_ERROR = /^Rule threw an error/;

/** Synthesize one template into `outdir` with the three packs; returns its violations { rule, logicalId, ruleError }. */
function nagTemplate(file, outdir) {
  const app = new cdk.App({
    outdir,
    // Measure cdk-nag's packs, not the CDK's own built-in CloudFormation validation; report, don't throw.
    builtinCloudFormationValidation: false,
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
  });
  // The included template brings its own BootstrapVersion parameter and rule (it was synthesised by CDK).
  const stack = new cdk.Stack(app, STACK, {
    synthesizer: new cdk.DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  });
  let include;
  try {
    include = new CfnInclude(stack, INCLUDE, { templateFile: file });
  } catch (e) {
    return { skipped: 'CfnInclude', error: firstLine(e) };
  }
  const packs = [nag.AwsSolutionsChecks, nag.HIPAASecurityChecks, nag.NIST80053R5Checks];
  cdk.Validations.of(app).addPlugins(...packs.map((P) => new P(app)));
  try {
    app.synth();
  } catch (e) {
    return { skipped: 'synth', error: firstLine(e) };
  }
  return { violations: fromValidationReport(outdir), include };
}

/** Time one template; the scratch cloud assembly is made and removed outside the timed part. */
function timed(file, scratch) {
  const outdir = mkdtempSync(join(scratch, 'asm-'));
  const t0 = performance.now();
  const r = nagTemplate(file, outdir);
  const ms = performance.now() - t0;
  rmSync(outdir, { recursive: true, force: true });
  return { ...r, ms };
}

function fromValidationReport(outdir) {
  let report;
  try {
    report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
  } catch {
    return []; // no report: no plugin had anything to say
  }
  const out = [];
  for (const plugin of report.pluginReports ?? [])
    for (const v of plugin.violations ?? [])
      for (const c of v.violatingConstructs ?? [])
        out.push({
          rule: v.ruleName,
          logicalId: logicalIdOf(c.constructPath),
          ruleError: RULE_ERROR.test(v.description),
        });
  return out;
}

/** Construct path Bench/Template/<LogicalId>[/…] → the template's logical id. */
function logicalIdOf(path) {
  const parts = String(path).split('/');
  const i = parts.indexOf(INCLUDE);
  return i >= 0 && parts[i + 1] ? parts[i + 1] : String(path);
}

function firstLine(e) {
  return String(e?.message ?? e)
    .split('\n')[0]
    .slice(0, 300);
}

/** Logical id → CloudFormation type of every resource CfnInclude created. */
function resourceTypes(include) {
  const types = {};
  for (const child of include.node.children)
    if (cdk.CfnResource.isCfnResource(child)) types[child.node.id] = child.cfnResourceType;
  return types;
}

const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'steward-bench-nag-'));
// Warm-up outside the timed loop: the first synth pays for lazy module loading, which is not per-template work.
const warm = join(scratch, 'warmup.json');
writeFileSync(warm, JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket' }, Q: { Type: 'AWS::SQS::Queue' } } }));
const warmStarted = performance.now();
timed(warm, scratch);
const warmupMs = performance.now() - warmStarted;

const templates = [];
const loopStarted = performance.now();
for (const file of job.files) {
  const r = timed(file, scratch);
  if (r.skipped) templates.push({ file, ms: r.ms, skipped: r.skipped, error: r.error });
  else templates.push({ file, ms: r.ms, violations: r.violations, types: resourceTypes(r.include) });
}
const loopMs = performance.now() - loopStarted;
rmSync(scratch, { recursive: true, force: true });

writeFileSync(
  job.out,
  JSON.stringify({
    nagVersion,
    cdkVersion: require('aws-cdk-lib/package.json').version,
    loadMs,
    warmupMs,
    loopMs,
    maxRssKb: process.resourceUsage().maxRSS,
    templates,
  }),
);
