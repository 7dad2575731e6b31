import type { Severity } from '../../../findings/finding.js';
import type { Resource, ResourceGraph } from '../../graph.js';
import { fail, type GraphRule, pass, type RuleEquivalents, type RuleMeta } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';
import { type AiFootprint, aiFootprint, idList } from '../ai-footprint.js';
import { IDENTITY_POLICY_TYPES } from '../identity-policies.js';
import { AI_RESOURCE_TYPES } from './ai-resource-types.js';

/**
 * The service an endpoint's ServiceName names, with the region part left open. ServiceName is usually written
 * `!Sub com.amazonaws.${AWS::Region}.bedrock-runtime` or `!Join ['', [com.amazonaws., !Ref AWS::Region, .s3]]`;
 * unknown parts become `*`. Undefined when nothing static is left to read.
 */
export function serviceNamePattern(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if ('Fn::Sub' in o) {
    const sub = o['Fn::Sub'];
    const tpl = Array.isArray(sub) ? sub[0] : sub;
    return typeof tpl === 'string' ? tpl.replace(/\$\{[^}]*\}/g, '*') : undefined;
  }
  if ('Fn::Join' in o) {
    const join = o['Fn::Join'];
    if (!Array.isArray(join) || typeof join[0] !== 'string' || !Array.isArray(join[1])) return undefined;
    return join[1].map((p) => (typeof p === 'string' ? p : '*')).join(join[0]);
  }
  return undefined;
}

/** The last dotted part(s) after the region: `bedrock-runtime`, `sagemaker.runtime`, `s3`. */
export function serviceSuffix(pattern: string): string | undefined {
  const m = /^(?:com\.amazonaws|aws\.[a-z0-9-]+)\.[^.]+\.(.+)$/.exec(pattern);
  return m?.[1];
}

/** Endpoints in the scan that serve `vpc`: same-template `Ref`s to it, or a VpcId the scan cannot resolve. */
export function endpointsOf(graph: ResourceGraph, vpc: Resource): Resource[] {
  const index = endpointIndex(graph);
  return [...(index.byVpc.get(`${graph.templateFile(vpc)}\u0000${vpc.id}`) ?? []), ...index.unresolved];
}

interface EndpointIndex {
  byVpc: Map<string, Resource[]>;
  /** VpcId from a parameter or another stack: it may well be any VPC, so it is not held against one. */
  unresolved: Resource[];
}

const endpointIndexes = new WeakMap<ResourceGraph, EndpointIndex>();

/** Endpoints grouped by the VPC they name, built once per graph so judging every VPC stays linear. */
function endpointIndex(graph: ResourceGraph): EndpointIndex {
  const hit = endpointIndexes.get(graph);
  if (hit) return hit;
  const index: EndpointIndex = { byVpc: new Map(), unresolved: [] };
  for (const ep of graph.ofType('AWS::EC2::VPCEndpoint')) {
    const target = refTarget(ep.properties.VpcId);
    if (target && graph.get(ep, target)) {
      const key = `${graph.templateFile(ep)}\u0000${target}`;
      const list = index.byVpc.get(key);
      if (list) list.push(ep);
      else index.byVpc.set(key, [ep]);
    } else index.unresolved.push(ep);
  }
  endpointIndexes.set(graph, index);
  return index;
}

export function endpointType(ep: Resource): string {
  const t = ep.properties.VpcEndpointType;
  return typeof t === 'string' ? t : 'Gateway';
}

interface EndpointService {
  suffix: string | undefined;
  type: string;
}

/** Per scan, each endpoint's service is read once: three rules judge every VPC against the same endpoints. */
const services = new WeakMap<Resource, EndpointService>();

function serviceOf(ep: Resource, value: (r: Resource, path: string[]) => unknown): EndpointService {
  let s = services.get(ep);
  if (!s) {
    const pattern = serviceNamePattern(value(ep, ['ServiceName']));
    s = { suffix: pattern ? serviceSuffix(pattern) : undefined, type: endpointType(ep) };
    services.set(ep, s);
  }
  return s;
}

interface Need {
  /** What the endpoint is for, in messages: `bedrock-runtime`. */
  label: string;
  /** Accepted service suffixes (FIPS variants included). */
  suffixes: string[];
  /** Endpoint types that satisfy the need. */
  types: string[];
  /** The resources showing the need; empty = not needed. */
  evidence: (fp: AiFootprint) => Resource[];
}

interface VpcEndpointRuleSpec extends Omit<RuleMeta, 'resourceTypes'> {
  severity: Severity;
  equivalents: RuleEquivalents;
  needs: Need[];
}

/** Types a VPC endpoint rule reads: VPCs, endpoints, and everything that shows AI use. */
export const VPC_ENDPOINT_RULE_TYPES = [
  'AWS::EC2::VPC',
  'AWS::EC2::VPCEndpoint',
  ...AI_RESOURCE_TYPES,
  ...IDENTITY_POLICY_TYPES,
];

/**
 * A rule over each declared VPC: when the scanned templates show the AI use a need describes, the VPC must have an
 * endpoint for that service. It looks across templates, because the network stack and the AI stack are often
 * separate; VPCs of scans with no such use are not judged.
 */
export function vpcEndpointRule(spec: VpcEndpointRuleSpec): GraphRule {
  const { needs, ...meta } = spec;
  return {
    kind: 'graph',
    ...meta,
    resourceTypes: VPC_ENDPOINT_RULE_TYPES,
    // The rest are counted and named (AI resources, policies by their grants), not read.
    reads: { 'AWS::EC2::VPCEndpoint': ['VpcId', 'VpcEndpointType', 'ServiceName'] },
    evaluateGraph(ctx) {
      const fp = aiFootprint(ctx.graph);
      const required = needs.map((n) => ({ n, why: n.evidence(fp) })).filter((x) => x.why.length > 0);
      if (required.length === 0) return [];
      return ctx.graph.ofType('AWS::EC2::VPC').map((vpc) => {
        const eps = endpointsOf(ctx.graph, vpc);
        const missing = required.filter(
          ({ n }) =>
            !eps.some((ep) => {
              const { suffix, type } = serviceOf(ep, ctx.value);
              return !!suffix && n.suffixes.includes(suffix) && n.types.includes(type);
            }),
        );
        if (missing.length === 0)
          return {
            ...pass(`VPC ${vpc.id} has ${required.map((x) => x.n.label).join(' and ')} endpoint(s).`),
            resource: vpc,
          };
        return {
          ...fail(
            `VPC ${vpc.id} has no ${missing.map((x) => x.n.label).join(' or ')} VPC endpoint, but ${idList(missing[0]!.why)} use(s) the service: its traffic leaves the VPC for the public endpoint.`,
            { evidence: { missing: missing.map((x) => x.n.label) } },
          ),
          resource: vpc,
        };
      });
    },
  };
}
