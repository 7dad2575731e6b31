/**
 * Express (4 and 5) form of the guard: `input` guards a route that receives chat bodies, `errorHandler` renders
 * Steward's errors (an output block thrown by `req.steward.guardOutput`, Express's own JSON parse errors) as the
 * gateway's OpenAI-shaped errors. Typed structurally on node's request/response: no dependency on express.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonObject, readBody } from '../gateway/body.js';
import { type GatewayError, toGatewayError } from '../gateway/errors.js';
import type { GuardedRequest } from './guarded-request.js';
import { errorReply, MiddlewareCore, type StewardMiddlewareOptions, toStewardError } from './middleware-core.js';

/** The parts of an Express request the middleware uses. */
export type ExpressRequestLike = IncomingMessage & { body?: unknown; path?: string; steward?: GuardedRequest };
export type ExpressNext = (err?: unknown) => void;

/**
 * `Req`/`Res` default to node's types; annotate `onBlocked`'s parameters (`res: express.Response`) to get Express's.
 */
export interface StewardExpressOptions<
  Req extends ExpressRequestLike = ExpressRequestLike,
  Res extends ServerResponse = ServerResponse,
> extends StewardMiddlewareOptions<Req> {
  /**
   * Answers a blocked request yourself (default: 400 with the OpenAI-shaped `guard_blocked` error). `req.steward`
   * holds the decision.
   */
  onBlocked?: (error: GatewayError, req: Req, res: Res, next: ExpressNext) => void;
}

export interface StewardExpress<
  Req extends ExpressRequestLike = ExpressRequestLike,
  Res extends ServerResponse = ServerResponse,
> {
  /** Route middleware: `app.post('/v1/chat/completions', steward.input, handler)`. Reads the body unless parsed. */
  input: (req: Req, res: Res, next: ExpressNext) => void;
  /** Error middleware, mounted after the routes: `app.use(steward.errorHandler)`. Passes other errors on. */
  errorHandler: (err: unknown, req: Req, res: Res, next: ExpressNext) => void;
}

declare global {
  // Express's request type, augmented so handlers see `req.steward` (harmless where express is not installed).
  namespace Express {
    interface Request {
      steward?: GuardedRequest;
    }
  }
}

export function stewardExpress<
  Req extends ExpressRequestLike = ExpressRequestLike,
  Res extends ServerResponse = ServerResponse,
>(options: StewardExpressOptions<Req, Res>): StewardExpress<Req, Res> {
  const core = new MiddlewareCore<Req>(options);

  const input = (req: Req, res: Res, next: ExpressNext): void => {
    const g = core.begin(req, req.path ?? pathOf(req.url), req.headers);
    req.steward = g;
    res.once('finish', () => g.finish(res.statusCode));
    res.once('close', () => g.finish(res.statusCode));
    guardInput(req, g).then(
      () => {
        for (const [name, value] of Object.entries(core.successHeaders(g))) res.setHeader(name, value);
        next();
      },
      (e: unknown) => {
        const err = toGatewayError(e);
        g.exchange.error ??= err;
        if (!req.readableEnded) req.resume();
        if (err.code === 'guard_blocked' && options.onBlocked) options.onBlocked(err, req, res, next);
        else send(res, err, g.id);
      },
    );
  };

  /** Uses a body express.json() already parsed; otherwise reads and parses it with the policy's size cap. */
  const guardInput = async (req: Req, g: GuardedRequest): Promise<void> => {
    if (req.body !== undefined && !Buffer.isBuffer(req.body) && typeof req.body !== 'string') {
      const declared = Number(req.headers['content-length']);
      const bytes = declared >= 0 ? declared : Buffer.byteLength(JSON.stringify(req.body));
      await core.inspect(g, req, req.body, bytes);
      return;
    }
    const raw =
      req.body === undefined ? await readBody(req, core.maxBytes(g)) : Buffer.from(req.body as string | Buffer);
    const body = parseJsonObject(raw);
    req.body = body;
    await core.inspect(g, req, body, raw.length);
  };

  const errorHandler = (err: unknown, req: Req, res: Res, next: ExpressNext): void => {
    const e = toStewardError(err);
    if (!e || res.headersSent) {
      next(err);
      return;
    }
    send(res, e, req.steward?.id ?? 'req_none');
  };

  return { input, errorHandler };
}

function send(res: ServerResponse, e: unknown, requestId: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const { status, headers, body } = errorReply(e, requestId);
  res.writeHead(status, headers);
  res.end(body);
}

function pathOf(url: string | undefined): string {
  const u = url ?? '/';
  const q = u.indexOf('?');
  return q === -1 ? u : u.slice(0, q);
}
