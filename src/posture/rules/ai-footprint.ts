import type { Resource, ResourceGraph } from '../graph.js';
import { actionMatches } from '../policy-document.js';
import { allowStatements, IDENTITY_POLICY_TYPES } from './identity-policies.js';

/**
 * Which AI services a scan uses, read from what it declares: Bedrock and SageMaker resources, and the Bedrock /
 * SageMaker actions its IAM policies allow (an app on Lambda or ECS that calls Bedrock declares no Bedrock resource,
 * only the permission). Network rules use this to decide which private endpoints a VPC needs.
 */
export interface AiFootprint {
  /** Evidence of Bedrock model calls: Bedrock/AgentCore resources or grants of bedrock invoke actions. */
  bedrockRuntime: Resource[];
  /** Evidence of agent, knowledge-base or flow calls (served by bedrock-agent-runtime). */
  bedrockAgentRuntime: Resource[];
  /** SageMaker resources (notebooks, domains, models, pipelines…): the SageMaker API is used from the VPC. */
  sagemakerApi: Resource[];
  /** SageMaker resources or grants of sagemaker:InvokeEndpoint*: endpoints are invoked from the VPC. */
  sagemakerRuntime: Resource[];
  /** The three runtime lists above, one after the other (one list, so messages quoting it are built once). */
  anyRuntime: Resource[];
}

const AGENT_TYPES = new Set([
  'AWS::Bedrock::Agent',
  'AWS::Bedrock::AgentAlias',
  'AWS::Bedrock::KnowledgeBase',
  'AWS::Bedrock::Flow',
  'AWS::Bedrock::FlowAlias',
]);

const isBedrockType = (t: string) => t.startsWith('AWS::Bedrock::') || t.startsWith('AWS::BedrockAgentCore::');
const isSageMakerType = (t: string) => t.startsWith('AWS::SageMaker::');

/** True when an allowed action pattern names the service explicitly and covers one of the given actions. */
function covers(a: string, service: string, actions: readonly string[]): boolean {
  return a.toLowerCase().startsWith(`${service}:`) && actions.some((x) => actionMatches(a, x));
}

/** The kinds of AI grant an identity policy can carry, as bits. */
const MODEL = 1;
const AGENT = 2;
const SAGEMAKER = 4;

const IDENTITY_TYPES = new Set(IDENTITY_POLICY_TYPES);

/** True for the resource types whose policies aiGrantBits reads. */
export const hasAiGrants = (type: string): boolean => IDENTITY_TYPES.has(type);

/**
 * The AI grants of an identity policy (MODEL | AGENT | SAGEMAKER), from one pass over its allowed actions: large
 * scans hold hundreds of thousands of roles and policies, and reading each document once per kind was a hot spot.
 * A detached resource carries them (see graph-slice.ts), read on the thread that parsed the template, so the graph
 * rules, which run once on the main thread after every template is in, need not read every policy again.
 */
export function aiGrantBits(r: Resource): number {
  if (!IDENTITY_TYPES.has(r.type)) return 0;
  let bits = 0;
  for (const { statement } of allowStatements(r, () => true)) {
    for (const a of statement.actions) {
      if (!(bits & MODEL) && covers(a, 'bedrock', BEDROCK_MODEL_ACTIONS)) bits |= MODEL;
      if (!(bits & AGENT) && covers(a, 'bedrock', BEDROCK_AGENT_ACTIONS)) bits |= AGENT;
      if (!(bits & SAGEMAKER) && covers(a, 'sagemaker', SAGEMAKER_INVOKE_ACTIONS)) bits |= SAGEMAKER;
    }
  }
  return bits;
}

const grantsOf = (r: Resource): number => (r as { aiGrants?: number }).aiGrants ?? aiGrantBits(r);

const BEDROCK_MODEL_ACTIONS = [
  'bedrock:InvokeModel',
  'bedrock:InvokeModelWithResponseStream',
  'bedrock:Converse',
  'bedrock:ConverseStream',
  'bedrock:ApplyGuardrail',
];
const BEDROCK_AGENT_ACTIONS = [
  'bedrock:InvokeAgent',
  'bedrock:Retrieve',
  'bedrock:RetrieveAndGenerate',
  'bedrock:InvokeFlow',
];
const SAGEMAKER_INVOKE_ACTIONS = ['sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointWithResponseStream'];

/**
 * True when action patterns name Bedrock or SageMaker explicitly and cover a model, agent or endpoint invocation
 * (for policies that are not IAM resources, such as a SAM function's `Policies`).
 */
export function callsAiServices(actions: readonly string[]): boolean {
  return actions.some(
    (a) =>
      covers(a, 'bedrock', BEDROCK_MODEL_ACTIONS) ||
      covers(a, 'bedrock', BEDROCK_AGENT_ACTIONS) ||
      covers(a, 'sagemaker', SAGEMAKER_INVOKE_ACTIONS),
  );
}

const cache = new WeakMap<ResourceGraph, AiFootprint>();

export function aiFootprint(graph: ResourceGraph): AiFootprint {
  const hit = cache.get(graph);
  if (hit) return hit;
  const fp: AiFootprint = {
    bedrockRuntime: [],
    bedrockAgentRuntime: [],
    sagemakerApi: [],
    sagemakerRuntime: [],
    anyRuntime: [],
  };
  for (const r of graph.resources) {
    const bedrock = isBedrockType(r.type);
    const sagemaker = isSageMakerType(r.type);
    if (!bedrock && !sagemaker && !IDENTITY_TYPES.has(r.type)) continue;
    const g = grantsOf(r);
    if (bedrock || g & MODEL) fp.bedrockRuntime.push(r);
    if (AGENT_TYPES.has(r.type) || g & AGENT) fp.bedrockAgentRuntime.push(r);
    if (sagemaker) fp.sagemakerApi.push(r);
    if (sagemaker || g & SAGEMAKER) fp.sagemakerRuntime.push(r);
  }
  fp.anyRuntime = [...fp.bedrockRuntime, ...fp.bedrockAgentRuntime, ...fp.sagemakerRuntime];
  cache.set(graph, fp);
  return fp;
}

/** True when the scan shows any Bedrock or SageMaker use. */
export function usesAi(graph: ResourceGraph): boolean {
  const fp = aiFootprint(graph);
  return fp.bedrockRuntime.length + fp.bedrockAgentRuntime.length + fp.sagemakerRuntime.length > 0;
}

/** Accelerated EC2 families used to train or serve models (p, g, inf, trn, dl). */
const ACCELERATED = /^(p\d|g\d|inf\d|trn\d|dl\d)/i;

/**
 * Compute that runs models or calls them on a user's behalf: SageMaker and AgentCore resources, Lambda functions,
 * ECS services and accelerated EC2 instances. A security group these reference guards a model host.
 */
export function isAiHost(r: Resource): boolean {
  if (isSageMakerType(r.type) || r.type.startsWith('AWS::BedrockAgentCore::')) return true;
  if (['AWS::Lambda::Function', 'AWS::Serverless::Function', 'AWS::ECS::Service', 'AWS::ECS::TaskSet'].includes(r.type))
    return true;
  if (r.type === 'AWS::EC2::Instance') return ACCELERATED.test(String(r.properties.InstanceType ?? ''));
  if (r.type === 'AWS::EC2::LaunchTemplate') {
    const data = r.properties.LaunchTemplateData as { InstanceType?: unknown } | undefined;
    return ACCELERATED.test(String(data?.InstanceType ?? ''));
  }
  return false;
}

/** Short list of ids for messages: `A, B, C and 2 more`. */
const idListCache = new WeakMap<readonly Resource[], Map<number, string>>();

export function idList(rs: readonly Resource[], max = 3): string {
  // Graph rules quote the same evidence list for every VPC or group they judge: compute it once per list.
  let byMax = idListCache.get(rs);
  if (!byMax) {
    byMax = new Map();
    idListCache.set(rs, byMax);
  }
  let text = byMax.get(max);
  if (text === undefined) {
    text = idListUncached(rs, max);
    byMax.set(max, text);
  }
  return text;
}

function idListUncached(rs: readonly Resource[], max: number): string {
  // Evidence lists of a large scan hold hundreds of thousands of resources: count distinct ids without copies.
  const ids = new Set<string>();
  for (const r of rs) ids.add(r.id);
  const head: string[] = [];
  for (const id of ids) {
    if (head.length === max) break;
    head.push(id);
  }
  return ids.size > max ? `${head.join(', ')} and ${ids.size - max} more` : head.join(', ');
}
