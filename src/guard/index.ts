/** `import { createGuard } from 'steward/guard'`: Steward's runtime guard for LLM applications. */
export { type CreateGuardOptions, createGuard, defaultPolicyFile } from './create-guard.js';
export { createGateway, type Gateway, type GatewayOptions } from './gateway/index.js';
export type * from './guard-api.js';
export * from './limits/index.js';
export { MASK_KEEP, mask } from './pipeline/transform-spans.js';
export type { AuditSettings, CompiledEntry, EffectivePolicy } from './policy/compiled.js';
export { DEFAULT_ROUTE, GuardPolicy } from './policy/guard-policy.js';
export { type LoadPolicyOptions, loadPolicy, parsePolicy, policyFromObject } from './policy/load-policy.js';
export type { FailMode, Limits, PolicyDocument, PolicyInput } from './policy/schema.js';
export { builtinScanners, findScanner, scannerNames } from './scanners/registry.js';
export * from './types.js';
