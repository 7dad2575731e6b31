import { describe, expect, it } from 'vitest';
import { policyDocumentsOf, statements } from '../../policy-document.js';
import { dig } from '../../values.js';
import { refTarget } from '../intrinsics.js';
import { loadPlan, resourcesOf } from './test-fixtures.js';

describe('IAM mapping', () => {
  const iam = resourcesOf('iam.plan.json');

  it('maps a role with its trust policy, inline policy block and attached managed policies', () => {
    const role = iam('aws_iam_role.pipeline');
    expect(role.type).toBe('AWS::IAM::Role');
    expect(role.properties).toMatchObject({ RoleName: 'ml-pipeline', Path: '/ml/', MaxSessionDuration: 3600 });
    expect(dig(role.properties, ['AssumeRolePolicyDocument', 'Statement', 0, 'Principal'])).toEqual({
      Service: 'sagemaker.amazonaws.com',
    });
    expect(dig(role.properties, ['Policies', 0, 'PolicyName'])).toBe('read-docs');
    expect(statements(dig(role.properties, ['Policies', 0, 'PolicyDocument']))[0]?.actions).toEqual(['s3:GetObject']);
    const arns = role.properties.ManagedPolicyArns as unknown[];
    expect(refTarget(arns[0])).toBe('aws_iam_policy.sagemaker_admin');
    expect(arns[1]).toBe('arn:aws:iam::aws:policy/AmazonSageMakerReadOnly');
    expect(role.refs).toContain('aws_iam_policy.sagemaker_admin');
  });

  it('maps aws_iam_policy to a managed policy that lists the roles it is attached to', () => {
    const p = iam('aws_iam_policy.sagemaker_admin');
    expect(p.type).toBe('AWS::IAM::ManagedPolicy');
    const docs = policyDocumentsOf(p.type, p.properties);
    expect(statements(docs[0]?.doc)[0]?.actions).toEqual(['sagemaker:*', 'iam:PassRole']);
    expect(p.properties.Roles).toEqual(['ml-pipeline']);
    // Only the role references the policy, as in a template: references both ways would be a cycle.
    expect(p.refs).toEqual([]);
  });

  it('folds a user policy, login profile and group membership into the user; keeps the access key', () => {
    const user = iam('aws_iam_user.ci');
    expect(user.type).toBe('AWS::IAM::User');
    expect(statements(dig(user.properties, ['Policies', 0, 'PolicyDocument']))[0]?.actions).toEqual(['bedrock:*']);
    expect(user.properties.LoginProfile).toEqual({ PasswordResetRequired: true });
    expect((user.properties.Groups as unknown[]).map(refTarget)).toEqual(['aws_iam_group.scientists']);
    const key = iam('aws_iam_access_key.ci');
    expect(key.type).toBe('AWS::IAM::AccessKey');
    expect(refTarget(key.properties.UserName)).toBe('aws_iam_user.ci');
    expect(key.properties.Status).toBe('Active');
    expect(JSON.stringify(key.properties)).not.toMatch(/secret/i);
  });

  it('adds group and user policy attachments, exclusive ones included, to the principals', () => {
    const group = iam('aws_iam_group.scientists');
    const arns = group.properties.ManagedPolicyArns as unknown[];
    expect(arns[0]).toBe('arn:aws:iam::aws:policy/AmazonSageMakerFullAccess');
    expect(refTarget(arns[1])).toBe('aws_iam_policy.audit');
    expect(statements(dig(group.properties, ['Policies', 0, 'PolicyDocument']))[0]?.actions).toEqual([
      'sagemaker:CreatePresignedDomainUrl',
    ]);
    const user = iam('aws_iam_user.ci');
    expect(user.properties.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      { 'Fn::GetAtt': ['aws_iam_policy.audit', 'arn'] },
    ]);
    // The exclusive attachment names the principals on the policy side.
    expect(iam('aws_iam_policy.audit').properties).toMatchObject({
      Users: ['ci-deployer'],
      Groups: ['data-scientists'],
    });
  });

  it('maps an instance profile to its role', () => {
    const p = iam('aws_iam_instance_profile.pipeline');
    expect(p.type).toBe('AWS::IAM::InstanceProfile');
    expect((p.properties.Roles as unknown[]).map(refTarget)).toEqual(['aws_iam_role.pipeline']);
  });

  it('keeps a role policy whose role is not in the plan as a standalone AWS::IAM::Policy', () => {
    const p = iam('aws_iam_role_policy.legacy');
    expect(p.type).toBe('AWS::IAM::Policy');
    expect(p.properties.Roles).toEqual(['pre-existing-role']);
    expect(statements(p.properties.PolicyDocument)[0]?.actions).toEqual(['sagemaker:*']);
  });

  it('folds every attachment and inline policy resource away', () => {
    const ids = loadPlan('iam.plan.json').resources.map((r) => r.id);
    expect(ids.filter((id) => /attachment|login_profile|membership|user_policy\./.test(id))).toEqual([]);
  });

  it('rebuilds a trust policy from its policy document data source', () => {
    const role = resourcesOf('secure.plan.json')('aws_iam_role.agent');
    expect(dig(role.properties, ['AssumeRolePolicyDocument', 'Statement', 0, 'Principal', 'Service'])).toBe(
      'bedrock.amazonaws.com',
    );
    expect(role.properties.PermissionsBoundary).toBe('arn:aws:iam::111122223333:policy/agent-boundary');
    // Unknown, unconfigured attributes are provider-computed, not declared.
    expect(role.properties).not.toHaveProperty('ManagedPolicyArns');
  });
});
