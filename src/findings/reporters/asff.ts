import type { Catalog } from '../../catalog/catalog.js';
import type { FrameworkId } from '../../catalog/schema.js';
import { type Assessment, sortedFindings } from '../assessment.js';
import type { Finding, Severity, Status } from '../finding.js';
import { fingerprint } from '../fingerprint.js';
import { positiveInt } from './json.js';
import type { ReportContext, Reporter } from './types.js';

/**
 * AWS Security Finding Format for Security Hub `BatchImportFindings`. Every failure (open or suppressed) becomes a
 * finding, and so do passes (PASSED, which lets Security Hub resolve an earlier failure), skips (WARNING) and errors
 * (NOT_AVAILABLE), so the console shows which checks could not give a verdict.
 *
 * The types below restate the part of the SDK's `AwsSecurityFinding` that we fill; a test assigns our output to the
 * SDK type, so `tsc` catches any drift without making the SDK a runtime dependency.
 */

export type AsffSeverityLabel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type AsffComplianceStatus = 'PASSED' | 'WARNING' | 'FAILED' | 'NOT_AVAILABLE';
export type AsffWorkflowStatus = 'NEW' | 'NOTIFIED' | 'RESOLVED' | 'SUPPRESSED';
export type AsffPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

export interface AsffResource {
  Type: string;
  Id: string;
  Partition: AsffPartition;
  Region: string;
  Details?: { Other: Record<string, string> };
}

export interface AsffFinding {
  SchemaVersion: '2018-10-08';
  Id: string;
  ProductArn: string;
  ProductName: string;
  CompanyName: string;
  Region: string;
  GeneratorId: string;
  AwsAccountId: string;
  Types: string[];
  CreatedAt: string;
  UpdatedAt: string;
  Severity: { Label: AsffSeverityLabel; Original: string };
  Title: string;
  Description: string;
  Remediation?: { Recommendation: { Text?: string; Url?: string } };
  ProductFields: Record<string, string>;
  Resources: AsffResource[];
  Compliance: { Status: AsffComplianceStatus; RelatedRequirements?: string[] };
  Workflow: { Status: AsffWorkflowStatus };
  RecordState: 'ACTIVE' | 'ARCHIVED';
}

/** Security Hub's documented limits. */
export const ASFF_LIMITS = {
  id: 512,
  generatorId: 512,
  title: 256,
  description: 1024,
  recommendationText: 512,
  types: 50,
  relatedRequirements: 32,
  productFields: 50,
  productFieldKey: 128,
  productFieldValue: 2048,
  resourceType: 256,
  detailsOtherKey: 127,
  detailsOtherValue: 1023,
  batchImport: 100,
} as const;

export const PLACEHOLDER_ACCOUNT = '000000000000';
export const PLACEHOLDER_REGION = 'us-east-1';

/**
 * CloudFormation and Terraform types that Security Hub knows by name. The names do not follow one rule
 * (`AWS::ElasticLoadBalancingV2::LoadBalancer` is `AwsElbv2LoadBalancer`), so the map is explicit; anything else is
 * `Other`. A test checks every value against the SDK's `ResourceDetails` keys.
 */
export const SECURITY_HUB_RESOURCE_TYPES = {
  'AWS::ApiGateway::RestApi': 'AwsApiGatewayRestApi',
  'AWS::ApiGateway::Stage': 'AwsApiGatewayStage',
  'AWS::ApiGatewayV2::Api': 'AwsApiGatewayV2Api',
  'AWS::ApiGatewayV2::Stage': 'AwsApiGatewayV2Stage',
  'AWS::CertificateManager::Certificate': 'AwsCertificateManagerCertificate',
  'AWS::CloudFormation::Stack': 'AwsCloudFormationStack',
  'AWS::CloudFront::Distribution': 'AwsCloudFrontDistribution',
  'AWS::CloudTrail::Trail': 'AwsCloudTrailTrail',
  'AWS::CloudWatch::Alarm': 'AwsCloudWatchAlarm',
  'AWS::CodeBuild::Project': 'AwsCodeBuildProject',
  'AWS::DynamoDB::Table': 'AwsDynamoDbTable',
  'AWS::EC2::Instance': 'AwsEc2Instance',
  'AWS::EC2::LaunchTemplate': 'AwsEc2LaunchTemplate',
  'AWS::EC2::NetworkAcl': 'AwsEc2NetworkAcl',
  'AWS::EC2::SecurityGroup': 'AwsEc2SecurityGroup',
  'AWS::EC2::Subnet': 'AwsEc2Subnet',
  'AWS::EC2::Volume': 'AwsEc2Volume',
  'AWS::EC2::VPC': 'AwsEc2Vpc',
  'AWS::ECR::Repository': 'AwsEcrRepository',
  'AWS::ECS::Cluster': 'AwsEcsCluster',
  'AWS::ECS::Service': 'AwsEcsService',
  'AWS::ECS::TaskDefinition': 'AwsEcsTaskDefinition',
  'AWS::EFS::AccessPoint': 'AwsEfsAccessPoint',
  'AWS::EKS::Cluster': 'AwsEksCluster',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'AwsElbv2LoadBalancer',
  'AWS::Events::EventBus': 'AwsEventsEventbus',
  'AWS::GuardDuty::Detector': 'AwsGuardDutyDetector',
  'AWS::IAM::Group': 'AwsIamGroup',
  'AWS::IAM::ManagedPolicy': 'AwsIamPolicy',
  'AWS::IAM::Role': 'AwsIamRole',
  'AWS::IAM::User': 'AwsIamUser',
  'AWS::Kinesis::Stream': 'AwsKinesisStream',
  'AWS::KMS::Key': 'AwsKmsKey',
  'AWS::Lambda::Function': 'AwsLambdaFunction',
  'AWS::Lambda::LayerVersion': 'AwsLambdaLayerVersion',
  'AWS::OpenSearchService::Domain': 'AwsOpenSearchServiceDomain',
  'AWS::RDS::DBCluster': 'AwsRdsDbCluster',
  'AWS::RDS::DBInstance': 'AwsRdsDbInstance',
  'AWS::S3::AccessPoint': 'AwsS3AccessPoint',
  'AWS::S3::Bucket': 'AwsS3Bucket',
  'AWS::SageMaker::NotebookInstance': 'AwsSageMakerNotebookInstance',
  'AWS::SecretsManager::Secret': 'AwsSecretsManagerSecret',
  'AWS::SNS::Topic': 'AwsSnsTopic',
  'AWS::SQS::Queue': 'AwsSqsQueue',
  'AWS::StepFunctions::StateMachine': 'AwsStepFunctionStateMachine',
  'AWS::WAFv2::RuleGroup': 'AwsWafv2RuleGroup',
  'AWS::WAFv2::WebACL': 'AwsWafv2WebAcl',
  aws_api_gateway_rest_api: 'AwsApiGatewayRestApi',
  aws_api_gateway_stage: 'AwsApiGatewayStage',
  aws_apigatewayv2_api: 'AwsApiGatewayV2Api',
  aws_apigatewayv2_stage: 'AwsApiGatewayV2Stage',
  aws_cloudfront_distribution: 'AwsCloudFrontDistribution',
  aws_cloudtrail: 'AwsCloudTrailTrail',
  aws_db_instance: 'AwsRdsDbInstance',
  aws_dynamodb_table: 'AwsDynamoDbTable',
  aws_ecr_repository: 'AwsEcrRepository',
  aws_eks_cluster: 'AwsEksCluster',
  aws_guardduty_detector: 'AwsGuardDutyDetector',
  aws_iam_group: 'AwsIamGroup',
  aws_iam_policy: 'AwsIamPolicy',
  aws_iam_role: 'AwsIamRole',
  aws_iam_user: 'AwsIamUser',
  aws_instance: 'AwsEc2Instance',
  aws_kinesis_stream: 'AwsKinesisStream',
  aws_kms_key: 'AwsKmsKey',
  aws_lambda_function: 'AwsLambdaFunction',
  aws_lb: 'AwsElbv2LoadBalancer',
  aws_opensearch_domain: 'AwsOpenSearchServiceDomain',
  aws_s3_bucket: 'AwsS3Bucket',
  aws_sagemaker_notebook_instance: 'AwsSageMakerNotebookInstance',
  aws_secretsmanager_secret: 'AwsSecretsManagerSecret',
  aws_security_group: 'AwsEc2SecurityGroup',
  aws_sfn_state_machine: 'AwsStepFunctionStateMachine',
  aws_sns_topic: 'AwsSnsTopic',
  aws_sqs_queue: 'AwsSqsQueue',
  aws_subnet: 'AwsEc2Subnet',
  aws_vpc: 'AwsEc2Vpc',
  aws_wafv2_web_acl: 'AwsWafv2WebAcl',
} as const satisfies Record<string, string>;

export type SecurityHubResourceType = (typeof SECURITY_HUB_RESOURCE_TYPES)[keyof typeof SECURITY_HUB_RESOURCE_TYPES];

export function securityHubResourceType(type: string): SecurityHubResourceType | 'Other' {
  const known: Readonly<Record<string, SecurityHubResourceType>> = SECURITY_HUB_RESOURCE_TYPES;
  return Object.hasOwn(known, type) ? known[type]! : 'Other';
}

const SEVERITY_LABEL: Record<Severity, AsffSeverityLabel> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  info: 'INFORMATIONAL',
};

const COMPLIANCE_STATUS: Record<Status, AsffComplianceStatus> = {
  fail: 'FAILED',
  pass: 'PASSED',
  // A skipped check lacked information it needed; an errored one could not run at all.
  skip: 'WARNING',
  error: 'NOT_AVAILABLE',
};

/** Cut to `max` UTF-16 units (Security Hub counts characters) on a code-point boundary, marking the cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** Security Hub rejects blank text (`.*\S.*`), so fall back to something that says what is missing. */
function text(s: string | undefined, fallback: string, max: number): string {
  return truncate(s !== undefined && /\S/.test(s) ? s : fallback, max);
}

function slug(s: string): string {
  const out = s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return truncate(out, 64) || 'workload';
}

function isoTime(ctx: ReportContext, assessment: Assessment): string {
  // The assessment's end time is when Steward formed these findings; it keeps output reproducible without ctx.now.
  const candidates = [ctx.now, new Date(assessment.finishedAt)];
  for (const d of candidates) if (d && !Number.isNaN(d.getTime())) return d.toISOString();
  return new Date().toISOString();
}

function relatedRequirements(f: Finding, catalog: Catalog): string[] {
  const out = new Set<string>();
  for (const cid of f.controls) {
    const c = catalog.control(cid);
    if (!c) continue;
    for (const [fw, reqs] of Object.entries(c.mappings) as [FrameworkId, string[]][]) {
      const title = catalog.framework(fw)?.title ?? fw;
      for (const r of reqs) out.add(`${title}/${r}`);
    }
  }
  return [...out].sort().slice(0, ASFF_LIMITS.relatedRequirements);
}

function findingTypes(f: Finding, catalog: Catalog): string[] {
  const views = new Set(f.controls.map((c) => catalog.control(c)?.view).filter((v) => v !== undefined));
  const types = ['Software and Configuration Checks/AWS Security Best Practices'];
  if (views.has('compliance') || views.has('governance'))
    types.push('Software and Configuration Checks/Industry and Regulatory Standards');
  return types;
}

function productFields(f: Finding, assessment: Assessment, fp: string): Record<string, string> {
  const line = positiveInt(f.resource.line);
  const entries: [string, string | undefined][] = [
    ['steward/RuleId', f.ruleId],
    ['steward/Status', f.status],
    ['steward/Severity', f.severity],
    ['steward/Part', f.part],
    ['steward/Fingerprint', fp],
    ['steward/Controls', f.controls.join(',') || undefined],
    ['steward/ResourceType', f.resource.type],
    ['steward/File', f.resource.file],
    ['steward/Line', line === undefined ? undefined : String(line)],
    ['steward/Path', f.resource.path],
    ['steward/Target', assessment.target],
    ['steward/Workload', assessment.profile.name],
    ['steward/SuppressionKind', f.suppression?.kind],
    ['steward/SuppressionReason', f.suppression?.reason],
    ['steward/SuppressionSource', f.suppression?.source],
    ['steward/ToolVersion', assessment.tool.version],
  ];
  return Object.fromEntries(
    entries
      .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
      .map(([k, v]) => [k, truncate(v, ASFF_LIMITS.productFieldValue)]),
  );
}

function resource(f: Finding, partition: AsffPartition, region: string): AsffResource {
  const other: Record<string, string> = {};
  const add = (k: string, v: string | undefined) => {
    if (v !== undefined && v !== '') other[k] = truncate(v, ASFF_LIMITS.detailsOtherValue);
  };
  const type = securityHubResourceType(f.resource.type);
  if (type === 'Other') add('steward/Type', f.resource.type);
  add('steward/File', f.resource.file);
  add('steward/Line', positiveInt(f.resource.line)?.toString());
  add('steward/Path', f.resource.path);
  return {
    Type: type,
    Id: text(f.resource.id, '(unnamed resource)', ASFF_LIMITS.id),
    Partition: partition,
    Region: region,
    ...(Object.keys(other).length ? { Details: { Other: other } } : {}),
  };
}

function asPartition(p: string | undefined): AsffPartition {
  return p === 'aws-cn' || p === 'aws-us-gov' ? p : 'aws';
}

export function toAsffFindings(assessment: Assessment, ctx: ReportContext): AsffFinding[] {
  const account = ctx.aws?.accountId ?? PLACEHOLDER_ACCOUNT;
  const region = ctx.aws?.region ?? PLACEHOLDER_REGION;
  const partition = asPartition(ctx.aws?.partition);
  const productArn = `arn:${partition}:securityhub:${region}:${account}:product/${account}/default`;
  const now = isoTime(ctx, assessment);
  const workload = slug(assessment.profile.name ?? assessment.target);

  return sortedFindings(assessment.findings).map((f): AsffFinding => {
    const fp = fingerprint(f);
    const location = f.resource.file
      ? ` (${f.resource.file}${positiveInt(f.resource.line) ? `:${positiveInt(f.resource.line)}` : ''})`
      : '';
    const requirements = relatedRequirements(f, ctx.catalog);
    const remediationText = f.remediation && /\S/.test(f.remediation) ? f.remediation : undefined;
    const url = f.docs && /^https?:\/\//.test(f.docs) ? f.docs : undefined;
    const failed = f.status === 'fail';
    return {
      SchemaVersion: '2018-10-08',
      // Stable across runs (no line, no time), distinct per workload sharing an account.
      Id: truncate(`steward/${workload}/${fp}`, ASFF_LIMITS.id),
      ProductArn: productArn,
      ProductName: 'Steward',
      CompanyName: 'Steward',
      Region: region,
      GeneratorId: truncate(`steward/${f.ruleId}`, ASFF_LIMITS.generatorId),
      AwsAccountId: account,
      Types: findingTypes(f, ctx.catalog),
      CreatedAt: now,
      UpdatedAt: now,
      // Like Security Hub's own controls: only a failure carries the rule's severity.
      Severity: { Label: failed ? SEVERITY_LABEL[f.severity] : 'INFORMATIONAL', Original: f.severity },
      Title: text(f.title, f.ruleId, ASFF_LIMITS.title),
      Description: text(`${f.message}${location}`, `${f.ruleId} on ${f.resource.id}`, ASFF_LIMITS.description),
      ...(remediationText || url
        ? {
            Remediation: {
              Recommendation: {
                ...(remediationText ? { Text: truncate(remediationText, ASFF_LIMITS.recommendationText) } : {}),
                ...(url ? { Url: url } : {}),
              },
            },
          }
        : {}),
      ProductFields: productFields(f, assessment, fp),
      Resources: [resource(f, partition, region)],
      Compliance: {
        Status: COMPLIANCE_STATUS[f.status],
        ...(requirements.length ? { RelatedRequirements: requirements } : {}),
      },
      Workflow: { Status: f.suppression && failed ? 'SUPPRESSED' : f.status === 'pass' ? 'RESOLVED' : 'NEW' },
      RecordState: 'ACTIVE',
    };
  });
}

/** BatchImportFindings takes at most 100 findings per call. */
export function chunkForBatchImport<T>(findings: readonly T[], size: number = ASFF_LIMITS.batchImport): T[][] {
  const n = Number.isInteger(size) ? Math.min(Math.max(size, 1), ASFF_LIMITS.batchImport) : ASFF_LIMITS.batchImport;
  const chunks: T[][] = [];
  for (let i = 0; i < findings.length; i += n) chunks.push(findings.slice(i, i + n));
  return chunks;
}

export const renderAsff: Reporter = (assessment, ctx) =>
  `${JSON.stringify(toAsffFindings(assessment, ctx), null, 2)}\n`;
