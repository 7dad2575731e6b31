import type { Rule } from '../../rule.js';
import { agentcoreBrowserRecording } from './agentcore-browser-recording.js';
import { agentcoreBrowserVpc } from './agentcore-browser-vpc.js';
import { agentcoreCodeInterpreterIsolated } from './agentcore-code-interpreter-isolated.js';
import { agentcoreGatewayAuthorizer } from './agentcore-gateway-authorizer.js';
import { agentcoreGatewayCmk } from './agentcore-gateway-cmk.js';
import { agentcoreJwtAuthorizerRestricted } from './agentcore-jwt-authorizer-restricted.js';
import { agentcoreMemoryCmk } from './agentcore-memory-cmk.js';
import { agentcoreRuntimeVpc } from './agentcore-runtime-vpc.js';

/** Amazon Bedrock AgentCore rules, in evaluation order. */
export const agentcoreRules: Rule[] = [
  agentcoreRuntimeVpc,
  agentcoreCodeInterpreterIsolated,
  agentcoreBrowserVpc,
  agentcoreBrowserRecording,
  agentcoreGatewayAuthorizer,
  agentcoreJwtAuthorizerRestricted,
  agentcoreMemoryCmk,
  agentcoreGatewayCmk,
];
