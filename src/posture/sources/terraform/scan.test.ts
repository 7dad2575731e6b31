import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanPaths } from '../../engine.js';
import { allRules } from '../../rules/index.js';
import { fixturePath, fixtureText } from './test-fixtures.js';

/** Rules written once against CloudFormation shapes that must work on Terraform plans unchanged. */
const RULE_IDS = [
  's3-bucket-kms-encryption',
  's3-bucket-public-access-block',
  's3-bucket-versioning',
  's3-bucket-tls-only',
  'iam-no-wildcard-ai-actions',
  'sagemaker-notebook-kms',
  'sagemaker-notebook-no-direct-internet',
  'sagemaker-notebook-no-root',
  'bedrock-agent-guardrail',
  'bedrock-guardrail-prompt-attack-high',
  'bedrock-guardrail-sensitive-info',
  'cloudtrail-kms',
  'cloudtrail-log-validation',
  'cloudtrail-multi-region',
  'apigw-stage-waf',
  'logs-group-kms',
  'logs-group-retention',
];
const rules = allRules.filter((r) => RULE_IDS.includes(r.id));
const root = dirname(fixturePath('secure.plan.json'));
const scan = (file: string) => scanPaths([file], { root, rules });

describe('scanning Terraform plans with the CloudFormation rules', () => {
  it('has every rule it relies on', () => {
    expect(rules.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
  });

  it('fails the insecure plan, naming Terraform types and addresses', () => {
    const { findings, stats } = scan('insecure.plan.json');
    expect(stats.parseErrors).toBe(0);
    const failing = (rule: string) =>
      findings
        .filter((f) => f.ruleId === rule && f.status === 'fail')
        .map((f) => `${f.resource.type} ${f.resource.id}`);
    expect(failing('s3-bucket-kms-encryption')).toEqual(['aws_s3_bucket aws_s3_bucket.training']);
    expect(failing('s3-bucket-public-access-block')).toEqual(['aws_s3_bucket aws_s3_bucket.training']);
    expect(failing('s3-bucket-versioning')).toEqual(['aws_s3_bucket aws_s3_bucket.training']);
    expect(failing('s3-bucket-tls-only')).toEqual(['aws_s3_bucket aws_s3_bucket.training']);
    expect(failing('iam-no-wildcard-ai-actions')).toEqual(['aws_iam_role aws_iam_role.agent']);
    expect(failing('sagemaker-notebook-no-direct-internet')).toEqual([
      'aws_sagemaker_notebook_instance aws_sagemaker_notebook_instance.research',
    ]);
    expect(failing('sagemaker-notebook-kms')).toHaveLength(1);
    expect(failing('sagemaker-notebook-no-root')).toHaveLength(1);
    expect(failing('bedrock-agent-guardrail')).toEqual(['aws_bedrockagent_agent aws_bedrockagent_agent.support']);
    expect(failing('logs-group-kms')).toEqual(['aws_cloudwatch_log_group aws_cloudwatch_log_group.agent']);
    expect(failing('logs-group-retention')).toEqual(['aws_cloudwatch_log_group aws_cloudwatch_log_group.agent']);
    expect(findings.filter((f) => f.status === 'pass')).toEqual([]);
  });

  it('points the wildcard finding at the aws_iam_role_policy that grants it', () => {
    const { findings } = scan('insecure.plan.json');
    const f = findings.find((x) => x.ruleId === 'iam-no-wildcard-ai-actions')!;
    const text = fixtureText('insecure.plan.json');
    const line = text.slice(0, text.indexOf('"address": "aws_iam_role_policy.agent_bedrock"')).split('\n').length;
    expect(f.resource).toMatchObject({ file: 'insecure.plan.json', line });
    expect(f.message).toContain('bedrock:*');
  });

  it('passes the secure plan, across modules, references and values known after apply', () => {
    const { findings, stats } = scan('secure.plan.json');
    expect(stats.parseErrors).toBe(0);
    const evaluated = findings.filter((f) => f.status !== 'skip');
    expect(
      evaluated.filter((f) => f.status !== 'pass').map((f) => `${f.ruleId} ${f.resource.id}: ${f.message}`),
    ).toEqual([]);
    const passed = (rule: string) => evaluated.filter((f) => f.ruleId === rule).map((f) => f.resource.id);
    for (const id of [
      's3-bucket-kms-encryption',
      's3-bucket-public-access-block',
      's3-bucket-versioning',
      's3-bucket-tls-only',
    ]) {
      expect(passed(id)).toEqual(['module.kb.aws_s3_bucket.docs']);
    }
    expect(passed('iam-no-wildcard-ai-actions')).toEqual(['aws_iam_role.agent']);
    expect(passed('sagemaker-notebook-no-direct-internet')).toEqual(['aws_sagemaker_notebook_instance.research']);
    expect(passed('bedrock-agent-guardrail')).toEqual(['aws_bedrockagent_agent.support']);
    expect(passed('bedrock-guardrail-prompt-attack-high')).toEqual(['aws_bedrock_guardrail.main']);
    expect(passed('apigw-stage-waf')).toEqual(['aws_api_gateway_stage.prod']);
    expect(passed('cloudtrail-multi-region')).toEqual(['aws_cloudtrail.org']);
    expect(evaluated.find((f) => f.ruleId === 's3-bucket-kms-encryption')?.resource.type).toBe('aws_s3_bucket');
  });

  it('runs every rule over every fixture without a rule crashing', () => {
    for (const f of ['secure', 'insecure', 'iam', 'sagemaker', 'bedrock', 'network', 'data', 'account', 'modules']) {
      const { findings } = scanPaths([`${f}.plan.json`], { root });
      expect(findings.filter((x) => x.status === 'error').map((x) => x.message)).toEqual([]);
    }
  });
});
