/**
 * Starts Steward's guard gateway from the built library (dist/) with the same options `steward guard serve` passes.
 * The bench uses it only while the CLI has no `guard serve` yet, and says so in its report.
 *
 *   node lib/steward-launcher.mjs <policy.yaml> <upstream base URL> <port> <audit log file>
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const [policyFile, upstream, port, auditLog] = process.argv.slice(2);
const dist = (p) => pathToFileURL(join(repo, 'dist', 'guard', p)).href;
const { createGuard } = await import(dist('index.js'));
const { createGateway } = await import(dist('gateway/index.js'));

const gateway = await createGateway({ guard: createGuard({ policyFile }), upstream, auditLog });
const { url } = await gateway.listen(Number(port), '127.0.0.1');
process.stdout.write(`steward gateway (library launcher) listening on ${url}\n`);
process.on('SIGTERM', () => {
  gateway.close().then(() => process.exit(0));
});
