import type { GraphRule } from '../../rule.js';
import { idList } from '../ai-footprint.js';

const SCANNED_TYPES = [
  'AWS::Lambda::Function',
  'AWS::Serverless::Function',
  'AWS::ECR::Repository',
  'AWS::EC2::Instance',
  'AWS::EC2::LaunchTemplate',
];

export const inspectorAiCompute: GraphRule = {
  kind: 'graph',
  id: 'inspector-ai-compute',
  title: 'Amazon Inspector scans the compute of the AI workload',
  severity: 'medium',
  resourceTypes: [...SCANNED_TYPES, 'AWS::InspectorV2::Filter', 'AWS::InspectorV2::CisScanConfiguration'],
  reads: {},
  controls: ['infra-inspector-scanning'],
  description:
    'Lambda functions (agent tools, inference glue), ECR images (model servers, training containers) and EC2 hosts of the workload are scanned for vulnerabilities by Amazon Inspector. Inspector is activated per account and has no CloudFormation resource, so this is always reported as not evidenced here, naming the compute to confirm; declared Inspector filters and CIS scan configurations are mentioned as a sign it is in use.',
  remediation: {
    text: 'Activate Inspector (EC2, ECR, Lambda and Lambda code scanning) for the account, ideally organisation-wide from the delegated administrator.',
    terraform:
      'resource "aws_inspector2_enabler" "this" {\n  account_ids    = [data.aws_caller_identity.current.account_id]\n  resource_types = ["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"]\n}',
  },
  equivalents: { prowler: ['inspector2_is_enabled'], securityHub: ['Inspector.1'] },
  evaluateGraph(ctx) {
    const compute = ctx.graph.ofType(...SCANNED_TYPES);
    if (compute.length === 0) return [];
    const hint = ctx.graph.ofType('AWS::InspectorV2::Filter', 'AWS::InspectorV2::CisScanConfiguration')[0];
    return [
      {
        status: 'skip',
        message: `Inspector scanning is not evidenced here: it is activated outside CloudFormation${hint ? ` (${hint.id} suggests it is in use)` : ''}. Confirm EC2, ECR and Lambda scanning covers ${idList(compute, 5)} (control: infra-inspector-scanning).`,
      },
    ];
  },
};
