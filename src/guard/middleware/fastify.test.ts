import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createGuard } from '../create-guard.js';
import { stewardFastify } from './fastify.js';
import type { GuardedRequest } from './guarded-request.js';
import {
  customBlockBody,
  handle,
  type MakeApp,
  middlewareContract,
  ROUTE,
  TEST_POLICY,
  type TestApp,
} from './test-helpers.js';

declare module 'fastify' {
  interface FastifyRequest {
    steward?: GuardedRequest | null;
  }
}

function client(app: FastifyInstance, counter: { calls: number }): TestApp {
  return {
    get calls() {
      return counter.calls;
    },
    async post(path, body, headers = {}) {
      const res = await app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/json', ...headers },
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.statusCode, headers: res.headers as Record<string, string>, body: res.json() };
    },
    close: () => app.close(),
  };
}

const makeApp: MakeApp = async ({ guard, auditLog, customBlock, body }) => {
  const counter = { calls: 0 };
  const app = Fastify();
  await app.register(async (llm) => {
    await llm.register(
      stewardFastify({
        guard,
        auditLog,
        body,
        onBlocked: customBlock ? (error, _request, reply) => reply.code(403).send(customBlockBody(error)) : undefined,
      }),
    );
    llm.post(ROUTE, async (request) => {
      counter.calls++;
      return handle(request.steward);
    });
  });
  await app.ready();
  return client(app, counter);
};

middlewareContract('fastify', makeApp);

describe('fastify specifics', () => {
  it('guards only the scope it is registered in and leaves other errors to the app’s error handler', async () => {
    const app = Fastify();
    app.setErrorHandler((_error, _request, reply) => reply.code(500).send({ mine: true }));
    await app.register(async (llm) => {
      await llm.register(stewardFastify({ guard: createGuard({ policyText: TEST_POLICY }) }));
      llm.post(ROUTE, async (request) => handle(request.steward));
      llm.post('/boom', async () => {
        throw new Error('app failure');
      });
    });
    app.post('/plain', async (request) => ({ body: request.body, steward: request.steward ?? null }));
    await app.ready();
    const a = client(app, { calls: 0 });
    try {
      const plain = await a.post('/plain', { messages: [{ role: 'user', content: 'mail eve@example.com' }] });
      expect(plain.body).toEqual({
        body: { messages: [{ role: 'user', content: 'mail eve@example.com' }] },
        steward: null,
      });
      const guarded = await a.post(ROUTE, { messages: [{ role: 'user', content: 'mail eve@example.com' }] });
      expect(guarded.body.received.messages[0].content).toBe('mail [EMAIL_ADDRESS]');
      const boom = await a.post('/boom', { messages: [] });
      expect(boom).toMatchObject({ status: 500, body: { mine: true } });
    } finally {
      await a.close();
    }
  });
});
