import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createGuard } from '../create-guard.js';
import { type StewardEnv, stewardHono } from './hono.js';
import {
  customBlockBody,
  fetchTestApp,
  handle,
  type MakeApp,
  middlewareContract,
  ROUTE,
  TEST_POLICY,
  type TestApp,
} from './test-helpers.js';

function client(app: Hono<StewardEnv>, counter: { calls: number }): TestApp {
  return fetchTestApp(
    counter,
    async (path, init) => app.request(path, init),
    async () => undefined,
  );
}

const makeApp: MakeApp = async ({ guard, auditLog, customBlock, body }) => {
  const counter = { calls: 0 };
  const app = new Hono<StewardEnv>();
  app.use(
    ROUTE,
    stewardHono({
      guard,
      auditLog,
      body,
      onBlocked: customBlock ? (error) => Response.json(customBlockBody(error), { status: 403 }) : undefined,
    }),
  );
  app.post(ROUTE, async (c) => {
    counter.calls++;
    // What the handler parses itself must be the guarded body too.
    const parsed = await c.req.json();
    const steward = c.get('steward');
    if (JSON.stringify(parsed) !== JSON.stringify(steward.body))
      throw new Error('c.req.json() is not the guarded body');
    return c.json(handle(steward) as object);
  });
  return client(app, counter);
};

middlewareContract('hono', makeApp);

describe('hono specifics', () => {
  it('leaves errors that are not Steward’s to app.onError', async () => {
    const app = new Hono<StewardEnv>();
    app.onError((_e, c) => c.json({ mine: true }, 500));
    app.use('*', stewardHono({ guard: createGuard({ policyText: TEST_POLICY }) }));
    app.post('/boom', () => {
      throw new Error('app failure');
    });
    const r = await client(app, { calls: 0 }).post('/boom', { messages: [] });
    expect(r).toMatchObject({ status: 500, body: { mine: true } });
  });
});
