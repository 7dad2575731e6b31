/** The guard gateway (`steward guard serve`): an OpenAI- and Bedrock-compatible proxy that enforces a guard policy. */
export { type AuditEvent, type AuditVerdict, auditEvent } from './audit-event.js';
export { AuditLog, type AuditLogOptions } from './audit-log.js';
export { type ErrorFlavor, GatewayError, type GatewayErrorCode } from './errors.js';
export type { RouteName } from './exchange.js';
export { GatewayMetrics } from './metrics.js';
export { createGateway, type Gateway, type GatewayOptions } from './server.js';
export type { AwsCredentials, CredentialSource } from './sigv4.js';
