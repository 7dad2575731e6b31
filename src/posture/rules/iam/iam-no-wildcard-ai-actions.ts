import type { Resource } from '../../graph.js';
import { isServiceWildcard, policyDocumentsOf, statements } from '../../policy-document.js';
import { fail, pass, type ResourceRule } from '../../rule.js';

const AI_SERVICES = ['bedrock', 'sagemaker', 'bedrock-agentcore'];

export const iamNoWildcardAiActions: ResourceRule = {
  kind: 'resource',
  id: 'iam-no-wildcard-ai-actions',
  title: 'IAM policies do not grant wildcard actions on AI services',
  severity: 'high',
  resourceTypes: ['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::User', 'AWS::IAM::Group'],
  controls: ['iam-no-wildcard-ai-actions', 'iam-bedrock-model-access-scoped'],
  description:
    'No Allow statement grants bedrock:*, sagemaker:* or * actions: principals get the named actions they need, so a compromised app cannot create agents, change guardrails or exfiltrate models.',
  remediation: {
    text: 'Replace wildcard actions with the specific actions the workload calls (e.g. bedrock:InvokeModel, bedrock:Retrieve) on specific model and knowledge-base ARNs.',
    cloudformation:
      'Action: [bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream]\nResource: !Sub arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0',
    terraform:
      'actions   = ["bedrock:InvokeModel"]\nresources = ["arn:aws:bedrock:${var.region}::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0"]',
  },
  equivalents: {
    checkov: ['CKV_AWS_109', 'CKV_AWS_111'],
    cdkNag: ['AwsSolutions-IAM5'],
    securityHub: ['IAM.1'],
  },
  evaluate(r: Resource) {
    const docs = policyDocumentsOf(r.type, r.properties);
    if (docs.length === 0) return undefined;
    for (const { doc, path } of docs) {
      for (const s of statements(doc)) {
        if (s.effect !== 'Allow') continue;
        const bad = s.actions.find((a) => AI_SERVICES.some((svc) => isServiceWildcard(a, svc)));
        if (bad)
          return fail(`${r.id} allows "${bad}"${s.resources.includes('*') ? ' on "*"' : ''}.`, {
            path: [...path, 'Statement', s.index],
            evidence: { action: bad, resources: s.resources },
          });
      }
    }
    return pass(`${r.id} grants no wildcard actions on AI services.`);
  },
};
