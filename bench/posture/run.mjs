#!/usr/bin/env node
// Steward vs cdk-nag, side by side: node bench/posture/run.mjs [--count 10000] [--sample 100] [--jobs 2] [--repeat 3]
// Generates the corpus if needed, times Steward's built CLI over all of it and cdk-nag over a sample, does the same on
// the Checkov CloudFormation fixtures, prints the table and the coverage diff, and writes results/*.md.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus, sampleIndices } from './lib/corpus.mjs';
import { coverageDiff, declaredEquivalents } from './lib/coverage.mjs';
import { hasGnuTime } from './lib/measure.mjs';
import { runNag } from './lib/nag.mjs';
import { cdkNagRuleIds } from './lib/nag-rules.mjs';
import {
  coverageMarkdown,
  coverageText,
  declaredMarkdown,
  mdTable,
  mem,
  ratio,
  secs,
  TIMING_HEADERS,
  textTable,
  timingRows,
} from './lib/report.mjs';
import { readFindings, scanHasJobs, stewardRules, timeScan } from './lib/steward.mjs';

const here = new URL('.', import.meta.url).pathname;
const repo = resolve(here, '../..');
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    sample: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    jobs: { type: 'string', default: '2' },
    // Steward's full-corpus scan is timed this many times and judged on the median: on a shared 2-core machine one
    // run varies by a few seconds with what else the host does. Every run is listed.
    repeat: { type: 'string', default: '3' },
    corpus: { type: 'string', default: join(here, '.corpus') },
    fixtures: { type: 'string', default: resolve(repo, '../shared/corpora/checkov-cfn/fixtures') },
    results: { type: 'string', default: join(here, 'results') },
  },
});
const count = Number(values.count);
const sample = Number(values.sample);
const jobs = Number(values.jobs);
const repeat = Math.max(1, Math.floor(Number(values.repeat)) || 1);
const seed = Number(values.seed);
const corpus = resolve(values.corpus);
const scratch = join(here, '.tmp');
const TARGET_RATIO = 100;
const TARGET_SECONDS = 30;
const TARGET_TEMPLATES = 10000;

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
// Other work on the machine skews every number here; the load average before and after says how quiet it was.
const loadBefore = loadavg()[0];
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });

// 1. Corpus
log(`corpus: ${count} templates, seed ${seed} → ${corpus}`);
const info = ensureCorpus({ count, seed, out: corpus });
log(`${info.reused ? 'reused' : 'generated'} ${info.count} templates, ${info.resources} resources`);
const corpusFiles = info.files.map((f) => join(corpus, f));

// 2. Steward over the whole corpus
const stewardJobs = scanHasJobs(repo) ? jobs : undefined;
log(`steward: scan ${count} templates${stewardJobs ? ` --jobs ${stewardJobs}` : ' (this build has no --jobs)'}`);
const fullRuns = [];
for (let i = 0; i < repeat; i++) {
  const r = await timeScan(repo, [corpus], { jobs: stewardJobs, outFile: join(scratch, 'steward-corpus.json') });
  rmSync(join(scratch, 'steward-corpus.json'), { force: true });
  log(`run ${i + 1}/${repeat}: ${stewardRunLine(r)}`);
  fullRuns.push(r);
  if (!r.ok) break;
}
// The median run (a failed run counts as the failure it is).
const full = fullRuns.some((r) => !r.ok)
  ? fullRuns.find((r) => !r.ok)
  : [...fullRuns].sort((a, b) => a.wallS - b.wallS)[Math.floor((fullRuns.length - 1) / 2)];
// When the full run fails (out of memory…), time one 1,000-template shard so a per-template figure still exists.
let stewardGen = full;
let shardNote;
if (!full.ok) {
  const shard = join(corpus, 'd00');
  log('steward: full run failed; timing the first shard (d00) instead');
  stewardGen = await timeScan(repo, [shard], { jobs: stewardJobs, outFile: join(scratch, 'steward-shard.json') });
  rmSync(join(scratch, 'steward-shard.json'), { force: true });
  shardNote = `the ${count}-template run failed (${failure(full)}); Steward's per-template figure comes from the d00 shard`;
  log(stewardRunLine(stewardGen));
}

// 3. cdk-nag over an even sample of the corpus, and Steward over the same sample (for the coverage diff)
const sampleFiles = sampleIndices(corpusFiles.length, sample).map((i) => corpusFiles[i]);
log(`cdk-nag: ${sampleFiles.length} sampled templates, ${jobs} worker process(es)`);
const nagGen = await runNag(sampleFiles, { jobs, scratch });
log(
  `cdk-nag ${nagGen.nagVersion} (aws-cdk-lib ${nagGen.cdkVersion}): ${secs(nagGen.wallS)} s wall, ${secs(nagGen.loopS)} s in the timed loop`,
);
const sampleScan = await timeScan(repo, sampleFiles, { outFile: join(scratch, 'steward-sample.json') });
if (!sampleScan.ok) throw new Error(`steward failed on the sample: ${failure(sampleScan)}`);
const sampleFindings = readFindings(join(scratch, 'steward-sample.json'));

// 4. The Checkov CloudFormation fixtures, both tools
const fixtureFiles = listTemplates(values.fixtures);
log(`fixtures: ${fixtureFiles.length} files under ${values.fixtures}`);
const stewardFx = await timeScan(repo, [values.fixtures], {
  jobs: stewardJobs,
  outFile: join(scratch, 'steward-fixtures.json'),
});
if (!stewardFx.ok) throw new Error(`steward failed on the fixtures: ${failure(stewardFx)}`);
const fixtureFindings = readFindings(join(scratch, 'steward-fixtures.json'));
const nagFx = await runNag(fixtureFiles, { jobs, scratch });

// 5. Numbers
const rules = stewardRules(repo);
const analysed = (n) => n.templates.filter((t) => !t.skipped).length;
const stewardPer = (r) => (r.ok && r.templates ? r.wallS / r.templates : undefined);
const nagPer = (n) => n.loopS / n.templates.length; // steady state, over the templates it was given
const genStewardPer = stewardPer(stewardGen);
const genNagPer = nagPer(nagGen);
const fxStewardPer = stewardPer(stewardFx);
const fxNagPer = nagPer(nagFx);
const nagFxSkipped = nagFx.templates.filter((t) => t.skipped);
const rows = [
  {
    tool: `Steward${stewardJobs ? ` (--jobs ${stewardJobs})` : ' (no --jobs)'}`,
    corpus: full.ok ? 'generated' : 'generated: d00 shard (full run failed)',
    templates: stewardGen.templates,
    totalS: stewardGen.ok ? stewardGen.wallS : undefined,
    perTemplateS: genStewardPer,
    maxRssKb: stewardGen.maxRssKb,
  },
  ...(!full.ok
    ? [
        {
          tool: 'Steward',
          corpus: `generated: all ${count} (FAILED: ${failure(full)})`,
          templates: count,
          totalS: full.wallS,
          maxRssKb: full.maxRssKb,
        },
      ]
    : []),
  {
    tool: `cdk-nag (${nagGen.jobs} procs)`,
    corpus: `generated: sample`,
    templates: analysed(nagGen),
    totalS: nagGen.wallS,
    perTemplateS: genNagPer,
    ratio: genStewardPer ? genNagPer / genStewardPer : undefined,
    memLabel: `${mem(nagGen.maxRssKb)} (sum of ${nagGen.jobs})`,
  },
  {
    tool: `cdk-nag (${nagGen.jobs} procs)`,
    corpus: `generated: EXTRAPOLATED to ${count}`,
    templates: count,
    totalS: nagGen.loadS + genNagPer * count,
    perTemplateS: genNagPer,
    ratio: genStewardPer ? genNagPer / genStewardPer : undefined,
    memLabel: '—',
  },
  {
    tool: `Steward${stewardJobs ? ` (--jobs ${stewardJobs})` : ' (no --jobs)'}`,
    corpus: 'checkov-cfn fixtures',
    templates: stewardFx.templates,
    totalS: stewardFx.wallS,
    perTemplateS: fxStewardPer,
    maxRssKb: stewardFx.maxRssKb,
  },
  {
    tool: `cdk-nag (${nagFx.jobs} procs)`,
    corpus: 'checkov-cfn fixtures',
    templatesLabel: `${analysed(nagFx)} (+${nagFxSkipped.length} rejected)`,
    totalS: nagFx.wallS,
    perTemplateS: fxNagPer,
    ratio: fxStewardPer ? fxNagPer / fxStewardPer : undefined,
    memLabel: `${mem(nagFx.maxRssKb)} (sum of ${nagFx.jobs})`,
  },
];

const genRatio = genStewardPer ? genNagPer / genStewardPer : undefined;
const tenK = full.ok && count >= TARGET_TEMPLATES ? (full.wallS * TARGET_TEMPLATES) / full.templates : undefined;
const verdict = (ok) => (ok === undefined ? 'NOT MEASURED' : ok ? 'met' : 'NOT met');
const targets = [
  `Steward ≥ ${TARGET_RATIO}× faster per template than cdk-nag (generated corpus): ${ratio(genRatio)} → ${verdict(genRatio === undefined ? undefined : genRatio >= TARGET_RATIO)}`,
  `${TARGET_TEMPLATES.toLocaleString('en-US')} templates in < ${TARGET_SECONDS} s on ${jobs} cores: ${tenK === undefined ? `${full.ok ? 'corpus smaller than 10,000' : `run failed (${failure(full)})`}` : `${secs(tenK)} s`}${fullRuns.length > 1 && full.ok ? ` (median of ${fullRuns.length} runs; ${fullRuns.filter((r) => r.ok && r.wallS < TARGET_SECONDS).length} of ${fullRuns.length} under ${TARGET_SECONDS} s)` : ''} → ${verdict(tenK === undefined ? undefined : tenK < TARGET_SECONDS)}`,
];

const machine = machineInfo();
const notes = [
  `Steward: wall-clock of the CLI process (node start-up, discovery, parse, rules, JSON report written to a file), ${hasGnuTime ? 'peak RSS from /usr/bin/time -v' : 'peak RSS from process.resourceUsage()'}.`,
  `cdk-nag ${nagGen.nagVersion} with aws-cdk-lib ${nagGen.cdkVersion}: per template App → Stack → CfnInclude → AwsSolutions + HIPAA Security + NIST 800-53 R5 (\`Validations.of(app).addPlugins\`, the cdk-nag 3 API) → app.synth() → validation-report.json; CDK's built-in CloudFormation validation is off so only cdk-nag's packs are measured.`,
  `cdk-nag seconds/template = the slowest worker's timed loop ÷ templates given (${nagGen.jobs} processes in parallel, after import and one warm-up synth: ${secs(nagGen.loadS)} s per process, left out). "seconds total" is the whole run including that start-up. Peak memory is the sum of the worker processes' peaks.`,
  `The extrapolated row is start-up + seconds/template × ${count}; it was not run.`,
  `Ratio = cdk-nag seconds/template ÷ Steward seconds/template on the same corpus (Steward's figure includes its start-up, cdk-nag's does not).`,
  `Fixtures: Steward counts the files it recognised as templates; cdk-nag's "rejected" are files CfnInclude or synth refused (${summariseSkips(nagFxSkipped)}).`,
  ...(shardNote ? [`Steward: ${shardNote}.`] : []),
];

const covGen = coverageDiff(nagGen.templates, rules, sampleFindings, repo);
const covFx = coverageDiff(nagFx.templates, rules, fixtureFindings, repo);
const declared = declaredEquivalents(rules, cdkNagRuleIds(), ['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R5']);

// 6. Output
const table = textTable(TIMING_HEADERS, timingRows(rows));
process.stdout.write(
  [
    '',
    `Steward vs cdk-nag — ${machine.cores} cores (${machine.cpu}), Node ${process.versions.node}`,
    '',
    table,
    '',
    'Targets:',
    ...targets.map((t) => `  ${t}`),
    '',
    ...notes.map((n) => `  * ${n}`),
    '',
    coverageText(covGen, `Coverage diff (generated sample, ${sampleFiles.length} templates)`),
    '',
    `Coverage diff (checkov-cfn fixtures): ${covFx.rows.length} cdk-nag rules with findings, ${covFx.missing.length} without a declared Steward equivalent (see results/coverage.md).`,
    `Declared equivalents: ${declared.unknown.length} cdk-nag id(s) Steward lists do not exist in cdk-nag ${nagGen.nagVersion}${declared.unknown.length ? ` (${declared.unknown.map((d) => d.id).join(', ')})` : ''}; ${declared.otherPack.length} belong to packs not run here.`,
    '',
  ].join('\n'),
);

mkdirSync(values.results, { recursive: true });
const md = [
  '# bench/posture — Steward vs cdk-nag',
  '',
  `Run: \`node bench/posture/run.mjs --count ${count} --sample ${sample} --jobs ${jobs} --repeat ${repeat}\` on ${new Date().toISOString().slice(0, 10)}.`,
  '',
  `Machine: ${machine.cores} cores, ${machine.cpu}, ${machine.memGb} GB RAM, Node ${process.versions.node}, ${process.platform}; 1-minute load average ${loadBefore.toFixed(2)} before the run, ${loadavg()[0].toFixed(2)} after.`,
  `Steward ${machine.steward} (commit ${machine.commit}, built dist/ of the working tree); corpus seed ${seed}, ${info.count.toLocaleString('en-US')} templates, ${info.resources.toLocaleString('en-US')} resources (20–200 per template).`,
  '',
  mdTable(TIMING_HEADERS, timingRows(rows)),
  '',
  '## Targets',
  '',
  ...targets.map((t) => `- ${t}`),
  '',
  '## Steward runs',
  '',
  ...(fullRuns.length > 1
    ? [
        `- generated corpus, ${fullRuns.length} runs: ${fullRuns.map((r) => `${secs(r.wallS)} s`).join(', ')}; the median run is the one in the table and the targets:`,
      ]
    : []),
  ...[
    ['generated corpus', full],
    ...(full.ok ? [] : [['generated corpus, d00 shard', stewardGen]]),
    ['sample (coverage)', sampleScan],
    ['fixtures', stewardFx],
  ].map(([label, r]) => `- ${label}: \`${r.command}\` → ${stewardRunLine(r)}`),
  '',
  '## How the numbers are taken',
  '',
  ...notes.map((n) => `- ${n}`),
  '',
  'Coverage diff: [coverage.md](coverage.md).',
  '',
].join('\n');
writeFileSync(join(values.results, 'latest.md'), md);
writeFileSync(
  join(values.results, 'coverage.md'),
  [
    '# bench/posture — coverage diff, cdk-nag vs Steward',
    '',
    `cdk-nag ${nagGen.nagVersion} (AwsSolutions, HIPAA Security, NIST 800-53 R5) vs Steward ${machine.steward} (${rules.length} rules), same templates.`,
    'A resource counts once per rule however many findings (e.g. `AwsSolutions-IAM5[Action::s3:*]`) the rule reports on it.',
    '',
    declaredMarkdown(declared, nagGen.nagVersion),
    coverageMarkdown(covGen, `Generated corpus: ${sampleFiles.length}-template sample (seed ${seed})`),
    coverageMarkdown(covFx, 'Checkov CloudFormation fixtures'),
  ].join('\n'),
);
writeFileSync(
  join(values.results, 'latest.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine, count, sample, seed, jobs, rows, targets, steward: { full, runs: fullRuns, gen: stewardGen, fixtures: stewardFx } }, null, 2)}\n`,
);
rmSync(scratch, { recursive: true, force: true });
log(`wrote ${join(values.results, 'latest.md')} and coverage.md`);

function stewardRunLine(r) {
  if (!r.ok) return `FAILED (${failure(r)}) after ${secs(r.wallS)} s, peak ${mem(r.maxRssKb)}`;
  return `${r.templates} templates, ${r.resources} resources, ${r.findings} findings (${(r.reportBytes / 1048576).toFixed(1)} MB JSON) in ${secs(r.wallS)} s wall (${secs(r.userS)} s user + ${secs(r.sysS)} s sys), peak ${mem(r.maxRssKb)}`;
}

function failure(r) {
  const oom = /heap out of memory|Invalid string length|Allocation failed/i.exec(r.stderr ?? '');
  const why = oom ? oom[0] : (r.stderr ?? '').trim().split('\n').filter(Boolean).pop()?.slice(0, 160);
  return `${r.signal ?? `exit ${r.code}`}${why ? `: ${why}` : ''}`;
}

function summariseSkips(skipped) {
  if (!skipped.length) return 'none';
  const reasons = new Map();
  for (const t of skipped) {
    const reason = `${t.skipped}: ${t.error.replace(/'[^']*'/g, "'…'").slice(0, 90)}`;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  return [...reasons.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([r, n]) => `${n}× ${r}`)
    .join('; ');
}

function listTemplates(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (['.yaml', '.yml', '.json', '.template'].includes(extname(e.name).toLowerCase())) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

function machineInfo() {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  } catch {}
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    memGb: Math.round(totalmem() / 2 ** 30),
    steward: pkg.version,
    commit,
  };
}
