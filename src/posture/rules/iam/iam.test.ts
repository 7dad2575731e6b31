import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { branches, parsePolicyDocument } from '../identity-policies.js';
import { planVerdicts } from '../plan-test-helpers.js';
import { iamAgentPermissionBoundary } from './iam-agent-permission-boundary.js';
import { iamAiServiceRoleConfusedDeputy } from './iam-ai-service-role-confused-deputy.js';
import { iamAiServiceRoleNoAwsManagedPolicy } from './iam-ai-service-role-no-aws-managed-policy.js';
import { iamAssumeRoleScoped } from './iam-assume-role-scoped.js';
import { iamNoAccessKeys } from './iam-no-access-keys.js';
import { iamNoAdminPolicy } from './iam-no-admin-policy.js';
import { iamPassroleScoped } from './iam-passrole-scoped.js';
import { iamRoleTrustNoWildcard } from './iam-role-trust-no-wildcard.js';
import { iamUserNoPolicies } from './iam-user-no-policies.js';
import { iamRules } from './index.js';
import { isAnyRole } from './role-resources.js';

const tpl = (resources: string, extra = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${extra}Resources:\n${resources}`;
const trust = (service: string) =>
  `AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: ${service} }, Action: sts:AssumeRole }] }`;

describe('iam rule metadata', () => {
  it('names only catalog controls', () => {
    const known = new Set(bundledCatalog().controls.map((c) => c.id));
    for (const r of iamRules) for (const c of r.controls) expect(known, `${r.id} → ${c}`).toContain(c);
  });
});

describe('policy document helpers', () => {
  it('reads objects, JSON strings and JSON inside Fn::Sub; rejects garbage', () => {
    expect(parsePolicyDocument({ Statement: [] })).toEqual({ Statement: [] });
    expect(parsePolicyDocument('{"Statement":[{"Effect":"Allow"}]}')).toEqual({ Statement: [{ Effect: 'Allow' }] });
    expect(parsePolicyDocument({ 'Fn::Sub': '{"Statement":[{"Resource":"arn:${AWS::Partition}:s3:::b"}]}' })).toEqual({
      Statement: [{ Resource: 'arn:${AWS::Partition}:s3:::b' }],
    });
    expect(parsePolicyDocument('not json')).toBeUndefined();
  });
  it('expands Fn::If into labelled branches and drops AWS::NoValue', () => {
    expect(branches({ 'Fn::If': ['C', 1, { Ref: 'AWS::NoValue' }] })).toEqual([
      { value: 1, when: 'condition C is true' },
    ]);
    expect(branches(5)).toEqual([{ value: 5 }]);
  });
  it('isAnyRole tells every role from a named one', () => {
    expect(isAnyRole('*')).toBe(true);
    expect(isAnyRole('arn:aws:iam::*:role/x')).toBe(true);
    expect(isAnyRole('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*')).toBe(true);
    expect(isAnyRole('arn:aws:iam::111122223333:role/agents/*')).toBe(false);
    expect(isAnyRole('arn:aws:iam::111122223333:role/tool')).toBe(false);
  });
});

describe('iam-no-admin-policy', () => {
  const t = tpl(
    `  Admin:
    Type: AWS::IAM::Role
    Properties:
      ${trust('ec2.amazonaws.com')}
      Policies:
        - PolicyName: p
          PolicyDocument: { Statement: [{ Effect: Allow, Action: ["s3:GetObject", "*"], Resource: ["arn:aws:s3:::b", "*"] }] }
  Scoped:
    Type: AWS::IAM::Role
    Properties:
      ${trust('ec2.amazonaws.com')}
      Policies:
        - PolicyName: p
          PolicyDocument: { Statement: [{ Effect: Allow, Action: "*", Resource: "arn:aws:s3:::b/*" }] }
  Managed:
    Type: AWS::IAM::Role
    Properties:
      ${trust('ec2.amazonaws.com')}
      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess"]
  NoPolicies:
    Type: AWS::IAM::Group
    Properties: { Policies: [] }
  JsonPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: j
      Groups: [g]
      PolicyDocument: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
  CdkJoin:
    Type: AWS::IAM::Role
    Properties:
      ${trust('ec2.amazonaws.com')}
      ManagedPolicyArns: [!Join ["", ["arn:", !Ref AWS::Partition, ":iam::aws:policy/AdministratorAccess"]]]
  Denied:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: { Statement: [{ Effect: Deny, Action: "*", Resource: "*" }] }
  Conditional:
    Type: AWS::IAM::Role
    Properties:
      ${trust('ec2.amazonaws.com')}
      Policies: !If
        - Debug
        - - PolicyName: root
            PolicyDocument: !Sub '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
        - !Ref AWS::NoValue
`,
    'Parameters:\n  Env: { Type: String }\nConditions:\n  Debug: !Equals [!Ref Env, debug]\n',
  );
  it('fails */* grants and AdministratorAccess, in every policy form', () =>
    expect(verdicts(t, iamNoAdminPolicy)).toEqual([
      'fail Admin',
      'pass Scoped',
      'fail Managed',
      'fail JsonPolicy',
      'fail CdkJoin',
      'pass Denied',
      'fail Conditional',
    ]));
});

describe('iam-passrole-scoped and iam-assume-role-scoped', () => {
  const t = tpl(`  PassAny:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: { Statement: [{ Effect: Allow, Action: iam:PassRole, Resource: "*", Condition: { StringEquals: { iam:PassedToService: sagemaker.amazonaws.com } } }] }
  PassNamed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: { Statement: [{ Effect: Allow, Action: iam:PassRole, Resource: !GetAtt JobRole.Arn }] }
  IamStar:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [r]
      PolicyDocument: { Statement: [{ Effect: Allow, Action: ["iam:*", "sts:Assume*"], Resource: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/*" }] }
  AdminOnly:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [r]
      PolicyDocument: { Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }
  AssumeCrossAccount:
    Type: AWS::IAM::Role
    Properties:
      ${trust('lambda.amazonaws.com')}
      Policies:
        - PolicyName: p
          PolicyDocument: { Statement: [{ Effect: Allow, Action: sts:AssumeRole, Resource: "arn:aws:iam::*:role/tool" }] }
  NoDocs:
    Type: AWS::IAM::Role
    Properties: { ${trust('lambda.amazonaws.com')} }
`);
  it('iam-passrole-scoped', () =>
    expect(verdicts(t, iamPassroleScoped)).toEqual([
      'fail PassAny',
      'pass PassNamed',
      'fail IamStar',
      'pass AdminOnly',
      'pass AssumeCrossAccount',
    ]));
  it('iam-assume-role-scoped', () =>
    expect(verdicts(t, iamAssumeRoleScoped)).toEqual([
      'pass PassAny',
      'pass PassNamed',
      'fail IamStar',
      'pass AdminOnly',
      'fail AssumeCrossAccount',
    ]));
});

describe('trust policies', () => {
  const t = tpl(`  Service:
    Type: AWS::IAM::Role
    Properties: { ${trust('ec2.amazonaws.com')} }
  StarInList:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { AWS: ["arn:aws:iam::111122223333:root", "*"] }, Action: sts:AssumeRole }]
  BareStar:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}'
  DenyStar:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Deny, Principal: { AWS: "*" }, Action: sts:AssumeRole }] }
  AgentGuarded:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: bedrock.amazonaws.com }
            Action: sts:AssumeRole
            Condition: { StringEquals: { "aws:SourceAccount": !Ref AWS::AccountId } }
  AgentOpen:
    Type: AWS::IAM::Role
    Properties: { ${trust('[bedrock-agentcore.amazonaws.com]')} }
`);
  it('iam-role-trust-no-wildcard fails AWS "*" in any form, skips Deny', () =>
    expect(verdicts(t, iamRoleTrustNoWildcard)).toEqual([
      'pass Service',
      'fail StarInList',
      'fail BareStar',
      'pass DenyStar',
      'pass AgentGuarded',
      'pass AgentOpen',
    ]));
  it('iam-ai-service-role-confused-deputy judges Bedrock service roles only', () =>
    expect(verdicts(t, iamAiServiceRoleConfusedDeputy)).toEqual(['pass AgentGuarded', 'fail AgentOpen']));
});

describe('iam-agent-permission-boundary', () => {
  const t = tpl(`  AgentRole:
    Type: AWS::IAM::Role
    Properties: { ${trust('bedrock.amazonaws.com')}, PermissionsBoundary: !Ref Boundary }
  RuntimeRole:
    Type: AWS::IAM::Role
    Properties: { ${trust('bedrock-agentcore.amazonaws.com')} }
  ToolRole:
    Type: AWS::IAM::Role
    Properties: { ${trust('lambda.amazonaws.com')} }
  OtherFnRole:
    Type: AWS::IAM::Role
    Properties: { ${trust('lambda.amazonaws.com')} }
  Tool:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt ToolRole.Arn, Code: { ZipFile: x } }
  Other:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt OtherFnRole.Arn, Code: { ZipFile: x } }
  Agent:
    Type: AWS::Bedrock::Agent
    Properties:
      AgentName: a
      AgentResourceRoleArn: !GetAtt AgentRole.Arn
      ActionGroups:
        - ActionGroupName: tools
          ActionGroupExecutor: { Lambda: !GetAtt Tool.Arn }
`);
  it('covers roles trusted by agent services and Lambda tools of agents', () =>
    expect(verdicts(t, iamAgentPermissionBoundary)).toEqual(['pass AgentRole', 'fail RuntimeRole', 'fail ToolRole']));
});

describe('users and keys', () => {
  const t = tpl(`  Grouped:
    Type: AWS::IAM::User
    Properties: { Groups: [g] }
  Inline:
    Type: AWS::IAM::User
    Properties:
      Policies: [{ PolicyName: p, PolicyDocument: { Statement: [] } }]
  WithManaged:
    Type: AWS::IAM::User
    Properties: { ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess] }
  ToUsers:
    Type: AWS::IAM::Policy
    Properties: { PolicyName: p, Users: [alice], Roles: [r], PolicyDocument: { Statement: [] } }
  ToRoles:
    Type: AWS::IAM::ManagedPolicy
    Properties: { Roles: [r], PolicyDocument: { Statement: [] } }
  UserInline:
    Type: AWS::IAM::UserPolicy
    Properties: { UserName: alice, PolicyName: p, PolicyDocument: { Statement: [] } }
  Key:
    Type: AWS::IAM::AccessKey
    Properties: { UserName: !Ref Grouped }
  OldKey:
    Type: AWS::IAM::AccessKey
    Properties: { UserName: !Ref Grouped, Status: Inactive }
`);
  it('iam-user-no-policies', () =>
    expect(verdicts(t, iamUserNoPolicies)).toEqual([
      'pass Grouped',
      'fail Inline',
      'fail WithManaged',
      'fail ToUsers',
      'pass ToRoles',
      'fail UserInline',
    ]));
  it('iam-no-access-keys', () => expect(verdicts(t, iamNoAccessKeys)).toEqual(['fail Key', 'pass OldKey']));
});

describe('iam-ai-service-role-no-aws-managed-policy', () => {
  const t = tpl(`  SageMakerFull:
    Type: AWS::IAM::Role
    Properties:
      ${trust('sagemaker.amazonaws.com')}
      ManagedPolicyArns:
        - !Ref OwnPolicy
        - arn:aws:iam::aws:policy/AmazonSageMakerFullAccess
        - !Join ["", ["arn:", !Ref AWS::Partition, ":iam::aws:policy/AmazonS3FullAccess"]]
  AgentOwnPolicies:
    Type: AWS::IAM::Role
    Properties:
      ${trust('bedrock.amazonaws.com')}
      ManagedPolicyArns: [!Ref OwnPolicy, "arn:aws:iam::111122223333:policy/agent"]
  RuntimeSub:
    Type: AWS::IAM::Role
    Properties:
      ${trust('[bedrock-agentcore.amazonaws.com]')}
      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/AmazonBedrockFullAccess"]
  LambdaBasic:
    Type: AWS::IAM::Role
    Properties:
      ${trust('lambda.amazonaws.com')}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
`);
  it('fails AWS managed policies on roles SageMaker, Bedrock or AgentCore assume; ignores other roles', () =>
    expect(verdicts(t, iamAiServiceRoleNoAwsManagedPolicy)).toEqual([
      'fail SageMakerFull',
      'pass AgentOwnPolicies',
      'fail RuntimeSub',
    ]));
  it('lists every AWS managed policy and points at the first', () => {
    const f = runRules(t, [iamAiServiceRoleNoAwsManagedPolicy]).find((x) => x.resource.id === 'SageMakerFull')!;
    expect(f.message).toContain('AmazonSageMakerFullAccess, AmazonS3FullAccess');
    expect(f.evidence).toEqual({ policies: ['AmazonSageMakerFullAccess', 'AmazonS3FullAccess'] });
  });
  it('reads policy attachments from a Terraform plan', () => {
    const role = (name: string, service: string) => ({
      address: `aws_iam_role.${name}`,
      values: {
        name,
        assume_role_policy: JSON.stringify({
          Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
        }),
      },
    });
    const attach = (name: string, role: string, arn: string) => ({
      address: `aws_iam_role_policy_attachment.${name}`,
      values: { role, policy_arn: arn },
      references: { role: [`aws_iam_role.${role}.name`, `aws_iam_role.${role}`] },
    });
    expect(
      planVerdicts(
        [
          role('training', 'sagemaker.amazonaws.com'),
          role('kb', 'bedrock.amazonaws.com'),
          attach('full', 'training', 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess'),
          attach('own', 'kb', 'arn:aws:iam::111122223333:policy/kb'),
        ],
        iamAiServiceRoleNoAwsManagedPolicy,
      ),
    ).toEqual(['fail aws_iam_role.training', 'pass aws_iam_role.kb']);
  });
});
