import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Resource } from '../graph.js';
import { apigwStageAccessLogging } from '../rules/apigateway/apigw-stage-access-logging.js';
import { apigwStageThrottling } from '../rules/apigateway/apigw-stage-throttling.js';
import { iamNoAdminPolicy } from '../rules/iam/iam-no-admin-policy.js';
import { runRules } from '../test-helpers.js';
import { parseCloudFormation } from './cloudformation.js';

const text = readFileSync(join(import.meta.dirname, '..', '__fixtures__', 'sam-implicit', 'template.yaml'), 'utf8');
const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('SAM implicit resources', () => {
  const t = parseCloudFormation(text, 'sam-implicit/template.yaml')!;
  const get = (id: string): Resource => {
    const r = t.resources.find((x) => x.id === id);
    if (!r) throw new Error(`no ${id}; have ${t.resources.map((x) => x.id).join(', ')}`);
    return r;
  };

  it('creates a role for each function without one, and only for those', () => {
    const ids = t.resources.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['ChatRole', 'ExplicitRole']));
    expect(ids).not.toContain('ScopedRole');
    expect(get('ChatRole').type).toBe('AWS::IAM::Role');
    expect(get('Chat').properties.Role).toEqual({ 'Fn::GetAtt': ['ChatRole', 'Arn'] });
    expect(get('Chat').refs).toContain('ChatRole');
    expect(get('Scoped').properties.Role).toBe('arn:aws:iam::123456789012:role/existing');
  });

  it('gives the role the managed policies SAM attaches and the function Policies', () => {
    const role = get('ChatRole');
    expect(role.properties.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
      'arn:aws:iam::aws:policy/AmazonBedrockFullAccess',
      'arn:aws:iam::aws:policy/AdministratorAccess',
    ]);
    expect(role.properties.Policies).toEqual([
      {
        PolicyName: 'ChatRolePolicy2',
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }] },
      },
      // IsProd depends on a parameter: the entry stays conditional, as SAM writes it.
      {
        'Fn::If': [
          'IsProd',
          {
            PolicyName: 'ChatRolePolicy4',
            PolicyDocument: {
              Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-docs/*' }],
            },
          },
          { Ref: 'AWS::NoValue' },
        ],
      },
    ]);
    expect(role.properties.PermissionsBoundary).toBe('arn:aws:iam::123456789012:policy/boundary');
    expect(role.metadata['steward:generatedBy']).toEqual({
      transform: 'AWS::Serverless-2016-10-31',
      from: 'Chat',
      policyTemplates: ['S3ReadPolicy'],
    });
    expect(get('ExplicitRole').properties.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaRole',
    ]);
  });

  it('points the role and its policies at the function that causes them', () => {
    const role = get('ChatRole');
    expect(role.position.line).toBe(lineOf('  Chat:'));
    expect(role.positionOf(['ManagedPolicyArns', 4]).line).toBe(lineOf('policy/AdministratorAccess'));
    expect(role.positionOf(['ManagedPolicyArns', 2]).line).toBe(lineOf('Jobs:'));
    expect(role.positionOf(['Policies', 0, 'PolicyDocument', 'Statement', 0, 'Action']).line).toBe(
      lineOf('bedrock:InvokeModel'),
    );
    expect(role.positionOf(['PermissionsBoundary']).line).toBe(lineOf('PermissionsBoundary'));
    expect(get('Chat').positionOf(['Role']).line).toBe(lineOf('  Chat:'));
  });

  it('creates the implicit REST API and its Prod stage with Globals applied', () => {
    expect(get('ServerlessRestApi').type).toBe('AWS::ApiGateway::RestApi');
    const stage = get('ServerlessRestApiProdStage');
    expect(stage.type).toBe('AWS::ApiGateway::Stage');
    expect(stage.properties).toMatchObject({
      RestApiId: { Ref: 'ServerlessRestApi' },
      StageName: 'Prod',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:api' },
    });
    expect(stage.refs.sort()).toEqual(['ServerlessRestApi', 'ServerlessRestApiDeployment']);
    expect(stage.position.line).toBe(lineOf('Ask:'));
    expect(stage.positionOf(['AccessLogSetting', 'DestinationArn']).line).toBe(lineOf('DestinationArn'));
    // Only events without RestApiId use the implicit API: the explicit one stays as declared.
    expect(get('MyApi').type).toBe('AWS::Serverless::Api');
  });

  it('creates the implicit HTTP API and its $default stage', () => {
    expect(get('ServerlessHttpApi').type).toBe('AWS::ApiGatewayV2::Api');
    expect(get('ServerlessHttpApiApiGatewayDefaultStage').properties).toMatchObject({
      ApiId: { Ref: 'ServerlessHttpApi' },
      StageName: '$default',
    });
  });

  it('lets IAM and API Gateway rules judge the implicit resources', () => {
    const findings = runRules(text, [iamNoAdminPolicy, apigwStageAccessLogging, apigwStageThrottling]);
    const show = (rule: string) =>
      findings
        .filter((f) => f.ruleId === rule)
        .map((f) => `${f.status} ${f.resource.id}:${f.resource.line}`)
        .sort();
    // ExplicitRole has no policy document of its own: the rule has nothing to judge there.
    expect(show('iam-no-admin-policy')).toEqual([`fail ChatRole:${lineOf('policy/AdministratorAccess')}`]);
    // Globals.Api reaches the declared API and the implicit one alike.
    expect(show('apigw-stage-access-logging')).toEqual([
      `pass MyApi:${lineOf('  MyApi:')}`,
      `pass ServerlessRestApiProdStage:${lineOf('Ask:')}`,
    ]);
    expect(show('apigw-stage-throttling')).toEqual([
      `fail ServerlessHttpApiApiGatewayDefaultStage:${lineOf('Http:')}`,
      `fail ServerlessRestApiProdStage:${lineOf('Ask:')}`,
    ]);
  });

  it('adds nothing without the SAM transform, and never replaces a declared resource', () => {
    const plain = parseCloudFormation(text.replace('Transform: AWS::Serverless-2016-10-31\n', ''), 'p.yaml')!;
    expect(plain.resources.map((r) => r.id)).toEqual(['Chat', 'Scoped', 'Explicit', 'MyApi']);
    const declared = parseCloudFormation(
      `${text}  ChatRole:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: mine\n`,
      'd.yaml',
    )!;
    const roles = declared.resources.filter((r) => r.id === 'ChatRole');
    expect(roles.map((r) => r.properties)).toEqual([{ RoleName: 'mine' }]);
    expect(declared.resources.find((r) => r.id === 'Chat')!.properties.Role).toBeUndefined();
  });
});
