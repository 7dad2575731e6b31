import type { Resource, ResourceGraph } from '../../graph.js';
import { refTarget } from '../../sources/intrinsics.js';
import { AI_RESOURCE_TYPES } from '../ec2/ai-resource-types.js';
import { field, isObj } from './fields.js';

type Obj = Record<string, unknown>;

/**
 * A declared model invocation logging configuration. CloudFormation has no resource for it, so Steward recognises
 * Terraform's aws_bedrock_model_invocation_logging_configuration and custom resources that call
 * PutModelInvocationLoggingConfiguration (CDK AwsCustomResource included) or carry a LoggingConfig property.
 */
export interface LoggingDeclaration {
  resource: Resource;
  /** The loggingConfig object, when it could be read. */
  config?: Obj;
}

const CALL = /putModelInvocationLoggingConfiguration/i;
const REF = /^@@ref:(.+)@@$/;

/**
 * Text of a string, Fn::Sub or Fn::Join, with references replaced by `@@ref:<id>@@` markers so the JSON still parses
 * and a destination can be followed to the resource it names.
 */
function joinedText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const sub = isObj(v) ? v['Fn::Sub'] : undefined;
  const template = Array.isArray(sub) ? sub[0] : sub;
  if (typeof template === 'string')
    return template.replace(/\$\{([^!}][^}]*)\}/g, (_, name: string) => `@@ref:${name.split('.')[0]!.trim()}@@`);
  const join = isObj(v) ? v['Fn::Join'] : undefined;
  if (!Array.isArray(join) || typeof join[0] !== 'string' || !Array.isArray(join[1])) return undefined;
  return join[1].map((part) => (typeof part === 'string' ? part : `@@ref:${refTarget(part) ?? '?'}@@`)).join(join[0]);
}

/** The loggingConfig inside an SDK-call custom resource (`Create`/`Update` JSON with `parameters.loggingConfig`). */
function configFromSdkCall(props: Obj): Obj | undefined {
  for (const value of Object.values(props)) {
    const text = joinedText(value);
    if (!text || !CALL.test(text)) continue;
    try {
      const call = JSON.parse(text) as unknown;
      const config = field(field(call, 'parameters'), 'loggingConfig');
      if (isObj(config)) return config;
    } catch {
      // Not JSON: the call is recognised but its settings cannot be read.
    }
  }
  return undefined;
}

export function invocationLoggingDeclarations(graph: ResourceGraph): LoggingDeclaration[] {
  const out: LoggingDeclaration[] = [];
  for (const r of graph.resources) {
    const type = r.sourceType ?? r.type;
    if (type === 'aws_bedrock_model_invocation_logging_configuration') {
      const config = field(r.properties, 'loggingConfig');
      out.push({ resource: r, ...(isObj(config) ? { config } : {}) });
      continue;
    }
    if (!r.type.startsWith('Custom::') && r.type !== 'AWS::CloudFormation::CustomResource') continue;
    const direct = field(r.properties, 'loggingConfig');
    if (isObj(direct)) {
      out.push({ resource: r, config: direct });
      continue;
    }
    if (/invocation.?logging/i.test(r.type)) {
      out.push({ resource: r, config: r.properties });
      continue;
    }
    if (CALL.test(JSON.stringify(r.properties))) {
      const config = configFromSdkCall(r.properties);
      out.push({ resource: r, ...(config ? { config } : {}) });
    }
  }
  return out;
}

export interface Destination {
  kind: 'S3 bucket' | 'log group';
  /** The value as written: a name, a reference or a `@@ref:` marker. */
  value: unknown;
}

/** Where a logging configuration sends logs: the S3 bucket, the log group and the log group's large-data bucket. */
export function destinations(config: Obj): Destination[] {
  const out: Destination[] = [];
  const bucket = field(field(config, 's3Config'), 'bucketName');
  if (bucket !== undefined) out.push({ kind: 'S3 bucket', value: bucket });
  const cw = field(config, 'cloudWatchConfig');
  const group = field(cw, 'logGroupName');
  if (group !== undefined) out.push({ kind: 'log group', value: group });
  const large = field(field(cw, 'largeDataDeliveryS3Config'), 'bucketName');
  if (large !== undefined) out.push({ kind: 'S3 bucket', value: large });
  return out;
}

/** The bucket or log group a destination names, when it is declared in the scan. */
export function resolveDestination(d: Destination, from: Resource, graph: ResourceGraph): Resource | undefined {
  const type = d.kind === 'S3 bucket' ? 'AWS::S3::Bucket' : 'AWS::Logs::LogGroup';
  const marker = typeof d.value === 'string' ? REF.exec(d.value)?.[1] : undefined;
  const target = marker ?? refTarget(d.value);
  if (target) {
    const r = graph.get(from, target);
    return r?.type === type ? r : undefined;
  }
  if (typeof d.value !== 'string') return undefined;
  const nameProp = d.kind === 'S3 bucket' ? 'BucketName' : 'LogGroupName';
  return graph.ofType(type).find((r) => r.properties[nameProp] === d.value);
}

/** Bedrock and AgentCore types: the invocation-logging rules read them to tell whether the scan uses Bedrock. */
export const BEDROCK_TYPES = AI_RESOURCE_TYPES.filter((t) => t.startsWith('AWS::Bedrock'));

/** Types the invocation-logging rules read every property of: the declarations of the logging configuration. */
export const LOGGING_DECLARATION_TYPES = [
  'AWS::CloudFormation::CustomResource',
  'Custom::*',
  'aws_bedrock_model_invocation_logging_configuration',
] as const;

/** True when the scan contains Bedrock or AgentCore resources, the workloads whose invocations need logging. */
export function usesBedrock(graph: ResourceGraph): boolean {
  return graph.resources.some(
    (r) => r.type.startsWith('AWS::Bedrock') || (r.sourceType ?? '').startsWith('aws_bedrock'),
  );
}

export const ENABLE_HINT =
  'CloudFormation has no resource for it: enable it once per account and Region with PutModelInvocationLoggingConfiguration (aws bedrock put-model-invocation-logging-configuration, a custom resource, or Terraform aws_bedrock_model_invocation_logging_configuration), delivering to an S3 bucket with SSE-KMS and/or a CloudWatch log group with a KMS key';
