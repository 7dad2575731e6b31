import type { Resource, ResourceGraph } from '../../graph.js';
import { statements } from '../../policy-document.js';
import type { RuleContext } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';
import { asArray } from '../../values.js';
import { aiFootprint, callsAiServices } from '../ai-footprint.js';
import { awsManagedPolicyName } from '../iam/managed-policy-arns.js';
import { parsePolicyDocument } from '../identity-policies.js';

export const FUNCTION_TYPES = ['AWS::Lambda::Function', 'AWS::Serverless::Function'];

/** Bedrock, AgentCore and SageMaker resources that name a function call it (agent action groups, gateway targets…). */
const AI_CALLER = /^AWS::(Bedrock|BedrockAgentCore|SageMaker)::/;

/** AWS managed policies for AI services: AmazonBedrockFullAccess, AmazonSageMakerFullAccess… */
const AI_MANAGED_POLICY = /^Amazon(Bedrock|SageMaker)/;

const grantorCache = new WeakMap<ResourceGraph, Set<Resource>>();

/** IAM resources of the scan that allow calling Bedrock models or agents, or SageMaker endpoints. */
function aiGrantors(graph: ResourceGraph): Set<Resource> {
  let set = grantorCache.get(graph);
  if (!set) {
    const fp = aiFootprint(graph);
    set = new Set(
      [...fp.bedrockRuntime, ...fp.bedrockAgentRuntime, ...fp.sagemakerRuntime].filter((r) =>
        r.type.startsWith('AWS::IAM::'),
      ),
    );
    grantorCache.set(graph, set);
  }
  return set;
}

/** A list naming an AI service's AWS managed policy, by ARN (any partition, CDK's Fn::Join too) or, in SAM, by name. */
const namesAiManagedPolicy = (policies: unknown) =>
  asArray(policies).some((p) => {
    const name = awsManagedPolicyName(p) ?? (typeof p === 'string' ? p : undefined);
    return !!name && AI_MANAGED_POLICY.test(name);
  });

/** Why an execution role lets its function call AI services: its own policies, attached ones, or an AI managed policy. */
function roleReason(ctx: RuleContext, role: Resource): string | undefined {
  const grantors = aiGrantors(ctx.graph);
  if (grantors.has(role) || namesAiManagedPolicy(role.properties.ManagedPolicyArns))
    return `its role ${role.id} may call Bedrock or SageMaker`;
  const attached = [
    ...ctx.graph.referencing(role).filter((p) => grantors.has(p)),
    ...asArray(role.properties.ManagedPolicyArns).flatMap((arn) => {
      const id = refTarget(arn);
      const p = id ? ctx.graph.get(role, id) : undefined;
      return p && grantors.has(p) ? [p] : [];
    }),
  ];
  return attached[0] ? `its role ${role.id} may call Bedrock or SageMaker (through ${attached[0].id})` : undefined;
}

/** A SAM function's own `Policies`: inline statements or AI managed policy names. */
function samPoliciesReason(fn: Resource): string | undefined {
  const policies = asArray(fn.properties.Policies);
  if (namesAiManagedPolicy(policies)) return 'its Policies include an AWS managed Bedrock or SageMaker policy';
  const calls = policies.some((p) =>
    statements(parsePolicyDocument(p)).some((s) => s.effect === 'Allow' && callsAiServices(s.actions)),
  );
  return calls ? 'its Policies allow calling Bedrock or SageMaker' : undefined;
}

/**
 * Why a Lambda (or SAM) function is part of an AI workload, or undefined when nothing in its template says so:
 * a Bedrock, AgentCore or SageMaker resource calls it (an agent action group, a gateway target), or its execution
 * role allows invoking Bedrock models or agents or SageMaker endpoints.
 */
export function aiFunctionReason(ctx: RuleContext, fn: Resource): string | undefined {
  const caller = ctx.graph.referencing(fn).find((r) => AI_CALLER.test(r.type));
  if (caller) return `is called by ${caller.type} ${caller.id}`;
  const roleId = refTarget(fn.properties.Role);
  const role = roleId ? ctx.graph.get(fn, roleId) : undefined;
  const viaRole = role?.type === 'AWS::IAM::Role' ? roleReason(ctx, role) : undefined;
  if (viaRole) return viaRole;
  return fn.type === 'AWS::Serverless::Function' ? samPoliciesReason(fn) : undefined;
}
