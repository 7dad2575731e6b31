import { describe, expect, it } from 'vitest';
import { runRules } from '../test-helpers.js';
import { allRules } from './index.js';
import { lambdaAiFunctionInVpc } from './lambda/lambda-ai-function-in-vpc.js';
import { s3BucketAccessLogging } from './s3/s3-bucket-access-logging.js';
import { s3BucketVersioning } from './s3/s3-bucket-versioning.js';

const tpl = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;

describe('cfn_nag equivalents', () => {
  it('are cfn_nag rule ids (F or W and a number)', () => {
    for (const r of allRules) for (const id of r.equivalents.cfnNag ?? []) expect(id, r.id).toMatch(/^[FW]\d+$/);
  });

  it('a cfn_nag rules_to_suppress entry suppresses the Steward rule that lists its id, and only that rule', () => {
    const t = tpl(`  Data:
    Type: AWS::S3::Bucket
    Metadata:
      cfn_nag:
        rules_to_suppress:
          - id: W35
            reason: Access logs of this bucket go to the organisation trail.
`);
    const findings = runRules(t, [s3BucketAccessLogging, s3BucketVersioning]);
    const logging = findings.find((f) => f.ruleId === 's3-bucket-access-logging')!;
    expect(logging.status).toBe('fail');
    expect(logging.suppression?.reason).toBe(
      'Access logs of this bucket go to the organisation trail. (from cfn_nag metadata)',
    );
    expect(findings.find((f) => f.ruleId === 's3-bucket-versioning')!.suppression).toBeUndefined();
  });

  it('honours the ids of new rules too, and ignores an entry without a reason', () => {
    const fn = (id: string, suppress: string) => `  ${id}:
    Type: AWS::Lambda::Function
    Metadata: { cfn_nag: { rules_to_suppress: [${suppress}] } }
    Properties: { Role: !GetAtt Role.Arn, Code: { ZipFile: x } }
`;
    const t = tpl(`  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies: [{ PolicyName: p, PolicyDocument: { Statement: [{ Effect: Allow, Action: bedrock:InvokeModel, Resource: "*" }] } }]
${fn('Reasoned', '{ id: W89, reason: Calls Bedrock over the public endpoint by design. }')}${fn('Unreasoned', '{ id: W89 }')}${fn('OtherId', '{ id: W92, reason: not this rule }')}`);
    const byId = new Map(runRules(t, [lambdaAiFunctionInVpc]).map((f) => [f.resource.id, f]));
    expect(byId.get('Reasoned')?.suppression?.reason).toMatch(/by design\. \(from cfn_nag metadata\)$/);
    expect(byId.get('Unreasoned')?.suppression).toBeUndefined();
    expect(byId.get('OtherId')?.suppression).toBeUndefined();
    expect([...byId.values()].map((f) => f.status)).toEqual(['fail', 'fail', 'fail']);
  });
});
