import type { Command } from 'commander';
import { createGuard, defaultPolicyFile } from '../../guard/create-guard.js';
import { isGatewayWorker, reportToPrimary, runPrimary, usesLimitCounters } from '../../guard/gateway/cluster.js';
import { createGateway } from '../../guard/gateway/server.js';
import { loadPolicy } from '../../guard/policy/load-policy.js';
import { UserError } from '../../util/errors.js';

interface ServeFlags {
  policy?: string;
  upstream?: string;
  port: string;
  host: string;
  auditLog?: string;
  redis?: string;
  bedrockEndpoint?: string;
  region?: string;
  workers: string;
}

/** Environment variable with the key the gateway sends upstream instead of the caller's (kept off the command line). */
export const UPSTREAM_KEY_ENV = 'STEWARD_UPSTREAM_API_KEY';

/** Adds `steward guard serve` to the `guard` command (see registerGuard). */
export function registerGuardServe(guard: Command): void {
  guard
    .command('serve')
    .description('run the guard gateway: an OpenAI- and Bedrock-compatible proxy that enforces a guard policy')
    .option('-p, --policy <file>', 'guard policy YAML (default: the shipped examples/guard/policy.yaml)')
    .option(
      '--upstream <url>',
      'OpenAI-compatible upstream base URL, as for the OpenAI SDK (e.g. https://api.openai.com/v1)',
    )
    .option('--port <n>', 'port to listen on (0 picks a free one)', '8787')
    .option('--host <address>', 'address to listen on (0.0.0.0 for all interfaces)', '127.0.0.1')
    .option(
      '--audit-log <file>',
      "append audit JSON lines here (- for stdout; default: the policy's audit.file, else stdout)",
    )
    .option('--redis <url>', 'Redis for rate-limit and budget counters shared by replicas (default: in memory)')
    .option(
      '--bedrock-endpoint <url>',
      'Bedrock Runtime endpoint (default: https://bedrock-runtime.<region>.amazonaws.com)',
    )
    .option('--region <region>', 'AWS region for Bedrock (default: AWS_REGION, AWS_DEFAULT_REGION, then us-east-1)')
    .option('--workers <n>', 'gateway processes sharing the port, one per core to use (node:cluster)', '1')
    .action(async (flags: ServeFlags) => {
      const port = parsePort(flags.port);
      const workers = parseWorkers(flags.workers);
      const policyFile = flags.policy ?? defaultPolicyFile();
      const policy = loadPolicy(policyFile);
      if (workers > 1 && !isGatewayWorker())
        return servePrimary(workers, policyFile, flags, usesLimitCounters(policy.document));
      const guard = createGuard({ policy });
      const gateway = await createGateway({
        guard,
        upstream: flags.upstream,
        upstreamApiKey: process.env[UPSTREAM_KEY_ENV] || undefined,
        bedrockEndpoint: flags.bedrockEndpoint,
        region: flags.region,
        auditLog: flags.auditLog,
        redisUrl: flags.redis,
      });
      let url: string;
      try {
        ({ url } = await gateway.listen(port, flags.host));
      } catch (e) {
        await gateway.close();
        const message = `cannot listen on ${flags.host}:${port}: ${(e as Error).message}`;
        if (isGatewayWorker()) reportToPrimary({ type: 'failed', message });
        throw new UserError(message);
      }
      if (isGatewayWorker()) reportToPrimary({ type: 'listening', url });
      else
        process.stderr.write(
          `steward guard: listening on ${url} (${describe(policyFile, flags, auditTarget(gateway.audit))})\n`,
        );
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        const stop = (s: NodeJS.Signals) => {
          // From here a second signal gets the default action: stop at once.
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(s);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      if (isGatewayWorker()) {
        await gateway.close();
        process.exit(0); // the IPC channel to the primary would keep a finished worker alive
      }
      process.stderr.write(`steward guard: ${signal}: finishing in-flight requests (send it again to stop at once)\n`);
      await gateway.close();
      process.stderr.write('steward guard: stopped; audit log flushed\n');
    });
}

/** `--workers N`: forks N gateways on one port and waits for a signal; the workers do the serving. */
async function servePrimary(workers: number, policyFile: string, flags: ServeFlags, countsLimits: boolean) {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (countsLimits && !flags.redis) {
    log(
      `steward guard: warning: rate limits and token budgets are counted per worker (up to ${workers}x the policy's numbers); use --redis to share them`,
    );
  }
  try {
    await runPrimary({
      workers,
      log,
      onListening: (url) =>
        log(
          `steward guard: listening on ${url} (${workers} workers; ${describe(policyFile, flags, flags.auditLog ?? 'per policy')})`,
        ),
    });
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  log('steward guard: stopped; audit logs flushed');
}

function describe(policyFile: string, flags: ServeFlags, audit: string): string {
  return `policy ${policyFile}; OpenAI upstream ${flags.upstream ?? 'none'}; audit ${audit}`;
}

function auditTarget(audit: { target: string } | undefined): string {
  return audit ? (audit.target === '-' ? 'stdout' : audit.target) : 'off';
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 256)
    throw new UserError(`--workers: "${value}" is not a number from 1 to 256`);
  return n;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UserError(`--port: "${value}" is not a port number (0-65535)`);
  return port;
}
