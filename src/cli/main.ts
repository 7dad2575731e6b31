import { Command, CommanderError } from 'commander';
import { errorMessage, UserError } from '../util/errors.js';
import { VERSION } from '../version.js';
import { registerAssess } from './commands/assess.js';
import { registerBaseline } from './commands/baseline.js';
import { registerCatalog } from './commands/catalog.js';
import { registerGuard } from './commands/guard.js';
import { registerGuardServe } from './commands/guard-serve.js';
import { registerRules } from './commands/rules.js';
import { registerScan } from './commands/scan.js';
import { EXIT } from './exit-codes.js';

export function buildProgram(): Command {
  const program = new Command('steward')
    .description('Security, compliance and governance of AI workloads on AWS')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerAssess(program);
  registerScan(program);
  registerCatalog(program);
  registerRules(program);
  registerBaseline(program);
  registerGuardServe(registerGuard(program));
  for (const c of program.commands) c.exitOverride();
  return program;
}

/** Run the CLI; returns the exit code. Never lets a stack trace reach the user unless STEWARD_DEBUG is set. */
export async function main(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  // `steward … | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successful exits; everything else commander rejects is a usage error.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UserError) {
      process.stderr.write(`steward: ${e.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`steward: internal error: ${errorMessage(e)}\n`);
    if (process.env.STEWARD_DEBUG) process.stderr.write(`${(e as Error).stack ?? ''}\n`);
    else process.stderr.write('steward: set STEWARD_DEBUG=1 for a stack trace, and please report it\n');
    return EXIT.internal;
  }
}
