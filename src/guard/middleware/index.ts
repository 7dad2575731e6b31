/**
 * `import { stewardExpress, stewardFastify, stewardHono } from 'steward/guard/middleware'`: the guard gateway's
 * pipeline (limits, input scanners, write-back, output scanners, audit) inside an app's own routes.
 */
export { AuditLog, type AuditLogOptions } from '../gateway/audit-log.js';
export { GatewayError, type GatewayErrorCode } from '../gateway/errors.js';
export type { TokenCounts } from '../gateway/exchange.js';
export {
  type PendingApprovalDetails,
  type PendingToolCall,
  pendingApprovalChunks,
} from '../tools/pending-approval.js';
export type { ToolCall, ToolCallVerdict, ToolDecision } from '../tools/tool-call.js';
export type { BodyMapping } from './body-mapping.js';
export {
  type ExpressNext,
  type ExpressRequestLike,
  type StewardExpress,
  type StewardExpressOptions,
  stewardExpress,
} from './express.js';
export {
  type FastifyInstanceLike,
  type FastifyReplyLike,
  type FastifyRequestLike,
  type StewardFastifyOptions,
  type StewardFastifyPlugin,
  stewardFastify,
} from './fastify.js';
export { GuardedRequest, type StreamOutputOptions, type ToolVerdictsHook } from './guarded-request.js';
export {
  type HonoContextLike,
  type StewardEnv,
  type StewardHonoMiddleware,
  type StewardHonoOptions,
  stewardHono,
} from './hono.js';
export {
  type ErrorReply,
  errorReply,
  MiddlewareCore,
  type StewardMiddlewareOptions,
  toStewardError,
} from './middleware-core.js';
export { type StreamedToolCalls, type ToolCallDelta, ToolCallStream } from './tool-call-stream.js';
export type { PendingApprovalCompletion, ToolCallCheck, ToolCallInput } from './tool-calls.js';
