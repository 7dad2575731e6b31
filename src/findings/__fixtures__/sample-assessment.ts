import { join } from 'node:path';
import { type Catalog, loadCatalog } from '../../catalog/catalog.js';
import type { Assessment } from '../assessment.js';
import type { Finding } from '../finding.js';

/** A small catalog shaped like the real one, so reporter tests do not move when the bundled catalog grows. */
export function fixtureCatalog(): Catalog {
  return loadCatalog(join(import.meta.dirname, 'catalog'));
}

export function sampleFindings(): Finding[] {
  return [
    {
      ruleId: 's3-bucket-kms-encryption',
      title: 'S3 bucket holding AI data is encrypted with SSE-KMS',
      severity: 'high',
      status: 'fail',
      message: 'Bucket TrainingData has no default encryption with a KMS key.',
      resource: { type: 'AWS::S3::Bucket', id: 'TrainingData', file: 'infra/template.yaml', line: 12, column: 3 },
      controls: ['dp-kms-cmk-at-rest'],
      part: 'posture',
      remediation: 'Set BucketEncryption with SSEAlgorithm aws:kms and a KMSMasterKeyID.',
      docs: 'https://github.com/steward/steward/blob/main/docs/rules/s3-bucket-kms-encryption.md',
      evidence: { BucketEncryption: null },
    },
    {
      ruleId: 'iam-no-wildcard-ai-actions',
      title: 'IAM policy does not grant bedrock:* or sagemaker:*',
      severity: 'critical',
      status: 'fail',
      message: 'Policy ChatbotRole grants bedrock:* on *.',
      resource: { type: 'AWS::IAM::Role', id: 'ChatbotRole', file: 'infra/template.yaml', line: 40, column: 3 },
      controls: ['iam-least-privilege-ai-actions'],
      part: 'posture',
      remediation: 'Grant bedrock:InvokeModel on the model ARNs the app uses.',
    },
    {
      ruleId: 'apigw-waf-attached',
      title: 'API in front of an AI app has AWS WAF',
      severity: 'medium',
      status: 'pass',
      message: 'Stage Prod is associated with web ACL ChatWaf.',
      resource: { type: 'AWS::ApiGateway::Stage', id: 'ProdStage', file: 'infra/template.yaml', line: 80 },
      controls: ['net-waf-on-ai-endpoints'],
      part: 'posture',
    },
    {
      ruleId: 'bedrock-invocation-logging',
      title: 'Bedrock model invocation logging is enabled',
      severity: 'medium',
      status: 'fail',
      message: 'No model invocation logging configuration is declared.',
      resource: { type: 'AWS::Bedrock::ModelInvocationLogging', id: 'account', file: 'infra/template.yaml' },
      controls: ['tdr-bedrock-invocation-logging'],
      part: 'posture',
      suppression: {
        kind: 'baseline',
        reason: 'Accepted until Q3: logging handled by the platform team',
        source: '.steward-baseline.json',
      },
    },
    {
      ruleId: 'governance-model-card',
      title: 'Every fine-tuned model has a model card',
      severity: 'low',
      status: 'skip',
      message: 'No model registry evidence in this folder.',
      resource: { type: 'Steward::Workload', id: 'support-chatbot' },
      controls: ['pol-model-card'],
      part: 'registry',
    },
    {
      ruleId: 'cfn-parse',
      title: 'Template could be parsed',
      severity: 'high',
      status: 'error',
      message: 'infra/broken.yaml:3: invalid YAML: bad indentation <script>alert(1)</script>',
      resource: { type: 'Steward::File', id: 'infra/broken.yaml', file: 'infra/broken.yaml', line: 3 },
      controls: [],
      part: 'posture',
    },
  ];
}

export function sampleAssessment(findings: Finding[] = sampleFindings()): Assessment {
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'steward', version: '0.1.0' },
    target: 'examples/support-chatbot',
    startedAt: '2026-11-24T10:00:00.000Z',
    finishedAt: '2026-11-24T10:00:01.250Z',
    profile: {
      name: 'support-chatbot',
      description: 'Bedrock support chatbot with a knowledge base',
      scope: 4,
      frameworks: ['gdpr', 'soc2'],
      dataCategories: ['pii'],
      domains: [],
      outputs: { legalRecord: false, safetyCritical: false, highLiability: false },
      regions: ['eu-west-1'],
      owner: 'support-platform@example.com',
      environment: 'prod',
    },
    scope: { scope: 4, source: 'inferred', evidence: ['AWS::SageMaker::TrainingJob in infra/template.yaml'] },
    regulated: { regulated: true, reasons: ['must meet gdpr, soc2'] },
    parts: [{ part: 'posture', status: 'ok', durationMs: 42, summary: '1 template, 14 resources' }],
    findings,
  };
}
