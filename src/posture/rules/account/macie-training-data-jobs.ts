import type { GraphRule } from '../../rule.js';
import { idList } from '../ai-footprint.js';
import { AI_RESOURCE_TYPES } from '../ec2/ai-resource-types.js';

const isAiType = (t: string) =>
  t.startsWith('AWS::Bedrock::') || t.startsWith('AWS::BedrockAgentCore::') || t.startsWith('AWS::SageMaker::');

export const macieTrainingDataJobs: GraphRule = {
  kind: 'graph',
  id: 'macie-training-data-jobs',
  title: 'Macie inspects the buckets that feed AI models',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket', 'AWS::Macie::Session', ...AI_RESOURCE_TYPES],
  reads: {},
  controls: ['tdr-macie-training-data', 'dp-sensitive-data-discovery'],
  description:
    'Buckets that Bedrock or SageMaker resources read (knowledge-base sources, training inputs, model artifacts) are covered by a Macie classification job or automated sensitive data discovery, so personal data is found before it is trained on or retrieved. CloudFormation has no resource for classification jobs or discovery settings, so this is always reported as not evidenced here, naming the buckets to confirm; the scan only lists them when AI resources reference buckets.',
  remediation: {
    text: 'Enable Macie automated sensitive data discovery, or create a classification job (console, CLI or SDK) scoped to the listed buckets.',
    cloudformation: 'Macie:\n  Type: AWS::Macie::Session\n  Properties:\n    Status: ENABLED',
    terraform:
      'resource "aws_macie2_classification_job" "training_data" {\n  job_type = "SCHEDULED"\n  name     = "training-data"\n  s3_job_definition {\n    bucket_definitions {\n      account_id = data.aws_caller_identity.current.account_id\n      buckets    = [aws_s3_bucket.training.id]\n    }\n  }\n  schedule_frequency { daily_schedule = true }\n}',
  },
  equivalents: { prowler: ['macie_automated_sensitive_data_discovery_enabled'] },
  evaluateGraph(ctx) {
    const buckets = ctx.graph
      .ofType('AWS::S3::Bucket')
      .filter((b) => ctx.graph.referencing(b).some((r) => isAiType(r.type)));
    if (buckets.length === 0) return [];
    const session = ctx.graph.ofType('AWS::Macie::Session')[0];
    return [
      {
        status: 'skip',
        message: `Macie coverage of AI data buckets is not evidenced here: classification jobs cannot be declared in CloudFormation${session ? ` (Macie is enabled by ${session.id})` : ''}. Confirm a job or automated discovery covers ${idList(buckets, 5)} (controls: tdr-macie-training-data, dp-sensitive-data-discovery).`,
        evidence: { buckets: buckets.map((b) => b.id) },
      },
    ];
  },
};
