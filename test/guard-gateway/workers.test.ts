/** `steward guard serve --workers N`: several processes on one port, one audit file, one graceful stop. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { usesLimitCounters } from '../../src/guard/gateway/cluster.js';
import { parsePolicy } from '../../src/guard/policy/load-policy.js';
import { FakeUpstream } from './fake-upstream.js';
import { EXAMPLE_POLICY } from './harness.js';

const repo = join(import.meta.dirname, '..', '..');
const bin = join(repo, 'bin', 'steward.js');

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await new FakeUpstream().start();
});
afterAll(async () => {
  await upstream?.stop();
});

describe('steward guard serve --workers', () => {
  it('serves from two workers on one port, appends one audit file and stops every worker on SIGTERM', async () => {
    const audit = join(mkdtempSync(join(tmpdir(), 'steward-workers-')), 'audit.jsonl');
    const child = spawn(
      process.execPath,
      [bin, 'guard', 'serve', '--policy', EXAMPLE_POLICY, '--upstream', `${upstream.url}/v1`, '--port', '0'].concat([
        '--audit-log',
        audit,
        '--workers',
        '2',
      ]),
      { cwd: repo },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`did not start: ${stderr}`)), 30_000);
      child.stderr.on('data', () => {
        const m = /listening on (http:\/\/\S+) \(2 workers/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const requests = 20;
    const statuses = await Promise.all(
      Array.from({ length: requests }, (_, i) =>
        fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', connection: 'close' },
          body: JSON.stringify({
            model: 'm',
            messages: [{ role: 'user', content: `My email is ann${i}@example.com, what is the capital of France?` }],
          }),
        }).then((r) => r.status),
      ),
    );
    expect(statuses).toEqual(Array(requests).fill(200));
    expect(upstream.last().json.messages[0].content).toContain('[EMAIL_ADDRESS]');

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/SIGTERM: stopping 2 workers/);
    const lines = readFileSync(audit, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(requests);
    expect(new Set(lines.map((l) => JSON.parse(l).id)).size).toBe(requests);
  }, 60_000);

  it('rejects a bad worker count with one line and exit code 2', () => {
    const r = spawnSync(process.execPath, [bin, 'guard', 'serve', '--workers', '0'], { cwd: repo, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('steward: --workers: "0" is not a number from 1 to 256');
  });

  it('knows when a policy counts requests or tokens (per worker without --redis)', () => {
    expect(usesLimitCounters(parsePolicy('version: 1\n').document)).toBe(false);
    expect(usesLimitCounters(parsePolicy('limits: { requestsPerMinute: 10 }\n').document)).toBe(true);
    expect(
      usesLimitCounters(parsePolicy('apiKeys:\n  k:\n    limits: { tokenBudget: { perDay: 5 } }\n').document),
    ).toBe(true);
  });
});
