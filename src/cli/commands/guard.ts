import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createGuard, defaultPolicyFile } from '../../guard/create-guard.js';
import type { GuardDecision } from '../../guard/guard-api.js';
import { loadPolicy } from '../../guard/policy/load-policy.js';
import { errorMessage, UserError } from '../../util/errors.js';
import { EXIT } from '../exit-codes.js';
import { emit } from '../io.js';
import { formatOption } from '../options.js';
import { textTable } from '../text-table.js';

interface CheckFlags {
  policy?: string;
  output?: boolean;
  route?: string;
  apiKey?: string;
  system?: string;
  format: 'table' | 'json';
}

/**
 * Creates `steward guard` with its `check` subcommand and returns the `guard` command, so other subcommands
 * (`serve`, in guard-serve.ts) are added with `guardCommand.command('serve')…` by whoever registers them.
 */
export function registerGuard(program: Command): Command {
  const guard = program
    .command('guard')
    .description('runtime guard for LLM applications: OWASP Top 10 for LLM Applications (2025) checks');
  guard
    .command('check')
    .description('run one text through a guard policy and print the decision (exit 1 when blocked)')
    .argument('<text...>', 'text to inspect; - reads it from stdin')
    .option('-p, --policy <file>', 'guard policy YAML (default: the shipped examples/guard/policy.yaml)')
    .option('--output', 'inspect the text as model output instead of a request')
    .option('--route <route>', 'route whose overrides apply (e.g. /v1/chat/completions)')
    .option('--api-key <id>', 'API key id whose overrides apply')
    .option('--system <text>', 'system prompt of the request (for leakage and canary scanners)')
    .addOption(formatOption(['table', 'json'], 'table'))
    .action((words: string[], flags: CheckFlags) => {
      const text = words.length === 1 && words[0] === '-' ? readStdin() : words.join(' ');
      const policy = loadPolicy(flags.policy ?? defaultPolicyFile());
      const decision = createGuard({ policy }).check(text, {
        direction: flags.output ? 'output' : 'input',
        route: flags.route,
        apiKeyId: flags.apiKey,
        systemPrompt: flags.system,
      });
      emit(flags.format === 'json' ? JSON.stringify(checkJson(decision), null, 2) : checkTable(decision));
      // Exit 1 mirrors "findings" elsewhere in the CLI: the text would not pass.
      if (decision.blocked) process.exitCode = EXIT.findings;
    });
  return guard;
}

function readStdin(): string {
  try {
    // `echo text | steward guard check -` ends with a newline that is not part of the text.
    return readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  } catch (e) {
    throw new UserError(`cannot read the text from stdin: ${errorMessage(e)}`);
  }
}

/** `{ action, reason?, verdicts: [{ scanner, score, action, spans, … }], text }`: the documented JSON shape. */
export function checkJson(d: GuardDecision) {
  return {
    action: d.action,
    ...(d.reason === undefined ? {} : { reason: d.reason }),
    verdicts: d.verdicts.map((v) => ({
      scanner: v.scanner,
      ...(v.id === undefined ? {} : { id: v.id }),
      score: round(v.score),
      action: v.action,
      spans: v.spans.map(({ segment: _segment, ...s }) => s),
      ...(v.error === undefined ? {} : { error: v.error }),
      latencyMs: round(v.latencyMs),
    })),
    text: d.segments[d.segments.length - 1]?.text ?? '',
  };
}

function checkTable(d: GuardDecision): string {
  const rows = d.verdicts.map((v) => [
    v.id === undefined ? v.scanner : `${v.scanner} (${v.id})`,
    v.score.toFixed(2),
    v.action,
    v.error === undefined ? entityCounts(v.spans) : `error: ${v.error}`,
    v.latencyMs.toFixed(3),
  ]);
  const head = `${d.action.toUpperCase()}${d.reason ? `: ${d.reason}` : ''}`;
  const table = rows.length ? textTable(['scanner', 'score', 'action', 'spans', 'ms'], rows, [30, 5, 8, 60, 8]) : '';
  return [head, '', table, '', 'text:', d.segments[d.segments.length - 1]?.text ?? ''].join('\n');
}

function entityCounts(spans: readonly { entity: string }[]): string {
  const counts = new Map<string, number>();
  for (const s of spans) counts.set(s.entity, (counts.get(s.entity) ?? 0) + 1);
  return [...counts].map(([e, n]) => (n > 1 ? `${e}×${n}` : e)).join(', ');
}

const round = (n: number) => Math.round(n * 1000) / 1000;
