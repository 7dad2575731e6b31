/**
 * Hono (4) form of the guard: a middleware for the LLM routes. It reads and guards the JSON body, makes
 * `c.req.json()` / `c.req.text()` return the guarded body, sets `c.get('steward')`, and after the handler turns a
 * Steward error it threw (`guardOutput` blocking) into the OpenAI-shaped response. Typed structurally: no dependency
 * on hono. Type your app with `new Hono<StewardEnv>()` to get `c.get('steward')` typed.
 */
import { parseJsonObject } from '../gateway/body.js';
import { type GatewayError, toGatewayError } from '../gateway/errors.js';
import type { GuardedRequest } from './guarded-request.js';
import { errorReply, MiddlewareCore, type StewardMiddlewareOptions, toStewardError } from './middleware-core.js';

/** The parts of a Hono context the middleware uses. */
export interface HonoContextLike {
  req: {
    path: string;
    raw: Request;
    text(): Promise<string>;
    bodyCache: { text?: Promise<string>; json?: unknown; [key: string]: unknown };
  };
  res: Response;
  error: Error | undefined;
  set(key: 'steward', value: GuardedRequest): void;
  header(name: string, value: string): void;
}

/** `new Hono<StewardEnv>()`: `c.get('steward')` is typed. */
export type StewardEnv = { Variables: { steward: GuardedRequest } };

export interface StewardHonoOptions extends StewardMiddlewareOptions<HonoContextLike> {
  /** Answers a blocked request yourself; default 400 with the OpenAI-shaped `guard_blocked` error. */
  onBlocked?: (error: GatewayError, c: HonoContextLike) => Response | Promise<Response>;
}

/** Takes the context as `unknown` so it fits any `Hono<Env>` app's `use`; it uses only what HonoContextLike lists. */
export type StewardHonoMiddleware = (c: unknown, next: () => Promise<void>) => Promise<Response | undefined>;

/** `app.use('/v1/chat/completions', stewardHono({ guard }))`. */
export function stewardHono(options: StewardHonoOptions): StewardHonoMiddleware {
  const core = new MiddlewareCore<HonoContextLike>(options);

  return async (context, next) => {
    const c = context as HonoContextLike;
    const headers = Object.fromEntries(c.req.raw.headers);
    const g = core.begin(c, c.req.path, headers);
    c.set('steward', g);
    try {
      const declared = Number(headers['content-length']);
      if (declared > 0) core.checkSize(g, declared); // before reading a body that is too large anyway
      const raw = Buffer.from(await c.req.text(), 'utf8');
      const body = parseJsonObject(raw);
      // Hono's json()/text()/arrayBuffer() read from the cached text: the handler sees the guarded body.
      if (await core.inspect(g, c, body, raw.length)) c.req.bodyCache.text = Promise.resolve(JSON.stringify(body));
    } catch (e) {
      const err = toGatewayError(e);
      g.exchange.error ??= err;
      const res =
        err.code === 'guard_blocked' && options.onBlocked ? await options.onBlocked(err, c) : response(err, g.id);
      g.finish(res.status);
      return res;
    }
    for (const [name, value] of Object.entries(core.successHeaders(g))) c.header(name, value);
    await next();
    const thrown = c.error === undefined ? undefined : toStewardError(c.error);
    if (thrown) {
      g.exchange.error ??= thrown;
      c.res = response(thrown, g.id);
    }
    g.finish(c.res.status);
    return undefined;
  };
}

function response(e: unknown, requestId: string): Response {
  const { status, headers, body } = errorReply(e, requestId);
  return new Response(body, { status, headers });
}
