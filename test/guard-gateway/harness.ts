/** Starts a fake upstream and an in-process gateway in front of it, both on ephemeral ports. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createGuard } from '../../src/guard/create-guard.js';
import type { AuditEvent } from '../../src/guard/gateway/audit-event.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/guard/gateway/server.js';
import { FakeUpstream, GATEWAY_CREDENTIALS } from './fake-upstream.js';

export const EXAMPLE_POLICY = join(import.meta.dirname, '..', '..', 'examples', 'guard', 'policy.yaml');

export interface Harness {
  gateway: Gateway;
  upstream: FakeUpstream;
  url: string;
  auditFile: string;
  openai: OpenAI;
  bedrock: BedrockRuntimeClient;
  /** The audit lines written so far (flushes first). */
  audit(): Promise<AuditEvent[]>;
  close(): Promise<void>;
}

/**
 * Registers the calling test file's hooks: one harness for the whole file (handed to `use` once started, closed
 * after the file), its fake upstream reset before each test.
 */
export function harnessPerFile(
  policy: Parameters<typeof startHarness>[0],
  use: (h: Harness) => void,
  options?: Partial<GatewayOptions>,
): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness(policy, options);
    use(h);
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => h?.upstream.reset());
}

export async function startHarness(
  policy: { policyFile: string } | { policyText: string },
  options: Partial<GatewayOptions> = {},
): Promise<Harness> {
  const upstream = await new FakeUpstream().start();
  const auditFile = join(mkdtempSync(join(tmpdir(), 'steward-gateway-')), 'audit.jsonl');
  const gateway = await createGateway({
    guard: createGuard(policy),
    upstream: `${upstream.url}/v1`,
    bedrockEndpoint: upstream.url,
    region: 'us-east-1',
    credentials: GATEWAY_CREDENTIALS,
    auditLog: auditFile,
    auditFlushIntervalMs: 20,
    ...options,
  });
  const { url } = await gateway.listen(0, '127.0.0.1');
  const openai = new OpenAI({ apiKey: 'sk-test-caller-key', baseURL: `${url}/v1`, maxRetries: 0, timeout: 10_000 });
  const bedrock = new BedrockRuntimeClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDCALLERTEST', secretAccessKey: 'caller-secret' },
    maxAttempts: 1,
  });
  return {
    gateway,
    upstream,
    url,
    auditFile,
    openai,
    bedrock,
    async audit() {
      await gateway.audit?.flush();
      return readFileSync(auditFile, 'utf8')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as AuditEvent);
    },
    async close() {
      bedrock.destroy();
      await gateway.close();
      await upstream.stop();
    },
  };
}

/** Waits until `check` passes (the audit line of a request is written when its response has ended). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 2000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
