import { describe, expect, it } from 'vitest';
import { runRules, verdicts } from '../../test-helpers.js';
import { planVerdicts } from '../plan-test-helpers.js';
import { lambdaAiFunctionConcurrency } from './lambda-ai-function-concurrency.js';
import { lambdaAiFunctionInVpc } from './lambda-ai-function-in-vpc.js';
import { lambdaEnvironmentCmk } from './lambda-environment-cmk.js';
import { lambdaUrlAuth } from './lambda-url-auth.js';

const tpl = (resources: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n${resources}`;

describe('lambda-environment-cmk', () => {
  const t = tpl(`  EnvAndKey:
    Type: AWS::Lambda::Function
    Properties: { Role: r, Code: { ZipFile: x }, Environment: { Variables: { MODEL_ID: m } }, KmsKeyArn: !GetAtt FnKey.Arn }
  EnvNoKey:
    Type: AWS::Lambda::Function
    Properties: { Role: r, Code: { ZipFile: x }, Environment: { Variables: { MODEL_ID: m } } }
  EmptyVariables:
    Type: AWS::Lambda::Function
    Properties: { Role: r, Code: { ZipFile: x }, Environment: { Variables: {} } }
  NoEnv:
    Type: AWS::Lambda::Function
    Properties: { Role: r, Code: { ZipFile: x } }
  IntrinsicEnv:
    Type: AWS::Lambda::Function
    Properties: { Role: r, Code: { ZipFile: x }, Environment: !If [C, { Variables: { A: b } }, !Ref AWS::NoValue] }
  EveryBranchHasVars:
    Type: AWS::Lambda::Function
    Properties: { Role: r, Code: { ZipFile: x }, Environment: !If [C, { Variables: { A: b } }, { Variables: { A: c } }] }
  ImportedEnv:
    Type: AWS::Lambda::Function
    Properties: { Role: r, Code: { ZipFile: x }, Environment: !ImportValue shared-env }
  SamNoKey:
    Type: AWS::Serverless::Function
    Properties: { Handler: app.handler, Runtime: python3.12, Environment: { Variables: { INDEX: kb } } }
  SamAwsKey:
    Type: AWS::Serverless::Function
    Properties: { Handler: app.handler, Runtime: python3.12, Environment: { Variables: { INDEX: kb } }, KmsKeyArn: alias/aws/lambda }
`);
  it('requires a customer managed key when variables are declared', () =>
    expect(verdicts(t, lambdaEnvironmentCmk)).toEqual([
      'pass EnvAndKey',
      'fail EnvNoKey',
      'pass EmptyVariables',
      'pass NoEnv',
      'pass IntrinsicEnv',
      'fail EveryBranchHasVars',
      'fail SamNoKey',
      'fail SamAwsKey',
    ]));
});

describe('lambda-url-auth', () => {
  const t = tpl(`  Iam:
    Type: AWS::Lambda::Url
    Properties: { AuthType: AWS_IAM, TargetFunctionArn: f }
  Open:
    Type: AWS::Lambda::Url
    Properties: { AuthType: NONE, TargetFunctionArn: f }
  SamOpen:
    Type: AWS::Serverless::Function
    Properties: { Handler: h, Runtime: nodejs20.x, FunctionUrlConfig: { AuthType: NONE } }
  SamIam:
    Type: AWS::Serverless::Function
    Properties: { Handler: h, Runtime: nodejs20.x, FunctionUrlConfig: { AuthType: AWS_IAM, InvokeMode: RESPONSE_STREAM } }
  SamNoUrl:
    Type: AWS::Serverless::Function
    Properties: { Handler: h, Runtime: nodejs20.x }
  Branch:
    Type: AWS::Lambda::Url
    Properties: { AuthType: !If [Public, NONE, NONE], TargetFunctionArn: f }
`);
  it('fails AuthType NONE on URLs and SAM function URLs', () =>
    expect(verdicts(t, lambdaUrlAuth)).toEqual([
      'pass Iam',
      'fail Open',
      'fail SamOpen',
      'pass SamIam',
      'fail Branch',
    ]));
});

describe('lambda-environment-cmk with SAM Globals', () => {
  const sam = (globals: string) => `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
${globals}
Resources:
  Inherits:
    Type: AWS::Serverless::Function
    Properties: { Handler: h, Runtime: python3.12 }
`;
  it('judges variables and key inherited from Globals', () => {
    expect(verdicts(sam('    Environment: { Variables: { STAGE: prod } }'), lambdaEnvironmentCmk)).toEqual([
      'fail Inherits',
    ]);
    expect(
      verdicts(
        sam('    Environment: { Variables: { STAGE: prod } }\n    KmsKeyArn: !GetAtt FnKey.Arn'),
        lambdaEnvironmentCmk,
      ),
    ).toEqual(['pass Inherits']);
  });
});

describe('AI functions: lambda-ai-function-in-vpc and lambda-ai-function-concurrency', () => {
  const invokePolicy = (action: string) =>
    `{ PolicyName: p, PolicyDocument: { Statement: [{ Effect: Allow, Action: ${action}, Resource: "*" }] } }`;
  const t = tpl(`  ModelRole:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: {}, Policies: [${invokePolicy('bedrock:InvokeModel')}] }
  PlainRole:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: {}, Policies: [${invokePolicy('s3:GetObject')}] }
  AttachedRole:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: {} }
  EndpointPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: invoke
      Roles: [!Ref AttachedRole]
      PolicyDocument: { Statement: [{ Effect: Allow, Action: "sagemaker:InvokeEndpoint*", Resource: "*" }] }
  Chat:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt ModelRole.Arn, Code: { ZipFile: x }, ReservedConcurrentExecutions: 10, VpcConfig: { SubnetIds: [!Ref SubnetA], SecurityGroupIds: [!Ref Sg] } }
  Open:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt ModelRole.Arn, Code: { ZipFile: x } }
  Scorer:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt AttachedRole.Arn, Code: { ZipFile: x }, ReservedConcurrentExecutions: !Ref Cap, VpcConfig: { SubnetIds: !Ref Subnets } }
  Tool:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt PlainRole.Arn, Code: { ZipFile: x }, VpcConfig: { SubnetIds: [], SecurityGroupIds: [] } }
  Agent:
    Type: AWS::Bedrock::Agent
    Properties:
      AgentName: a
      ActionGroups: [{ ActionGroupName: g, ActionGroupExecutor: { Lambda: !GetAtt Tool.Arn } }]
  Thumbnailer:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt PlainRole.Arn, Code: { ZipFile: x } }
  SamChat:
    Type: AWS::Serverless::Function
    Properties: { Handler: i.h, Runtime: python3.12, CodeUri: s3://b/k, Policies: [AmazonBedrockFullAccess] }
  SamInline:
    Type: AWS::Serverless::Function
    Properties:
      Handler: i.h
      Runtime: python3.12
      CodeUri: s3://b/k
      ReservedConcurrentExecutions: 5
      Policies: [{ Statement: [{ Effect: Allow, Action: [bedrock:Retrieve], Resource: "*" }] }]
`);
  it('judges only functions that call or serve AI services', () => {
    expect(verdicts(t, lambdaAiFunctionInVpc)).toEqual([
      'pass Chat',
      'fail Open',
      'pass Scorer',
      'fail Tool',
      'fail SamChat',
      'fail SamInline',
    ]);
    expect(verdicts(t, lambdaAiFunctionConcurrency)).toEqual([
      'pass Chat',
      'fail Open',
      'pass Scorer',
      'fail Tool',
      'fail SamChat',
      'pass SamInline',
    ]);
  });
  it('says why a function counts as AI', () => {
    const byId = new Map(runRules(t, [lambdaAiFunctionInVpc]).map((f) => [f.resource.id, f.message]));
    expect(byId.get('Open')).toMatch(/role ModelRole may call Bedrock/);
    expect(byId.get('Tool')).toMatch(/called by AWS::Bedrock::Agent Agent/);
    expect(byId.get('Scorer')).toMatch(/through EndpointPolicy/);
  });

  it('counts an AI service managed policy on the role, however its ARN is written', () => {
    const s = tpl(`  ManagedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [!Join ["", ["arn:", !Ref AWS::Partition, ":iam::aws:policy/AmazonBedrockFullAccess"]]]
  LogsRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
  Summariser:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt ManagedRole.Arn, Code: { ZipFile: x } }
  Resizer:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt LogsRole.Arn, Code: { ZipFile: x } }
`);
    expect(verdicts(s, lambdaAiFunctionInVpc)).toEqual(['fail Summariser']);
  });

  it('reads Terraform plans: role, inline policy, VPC config and -1 concurrency', () => {
    const role = {
      address: 'aws_iam_role.fn',
      values: { name: 'fn', arn: 'arn:aws:iam::111122223333:role/fn', assume_role_policy: '{"Statement":[]}' },
    };
    const inline = {
      address: 'aws_iam_role_policy.invoke',
      values: {
        name: 'invoke',
        policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'bedrock:Converse', Resource: '*' }] }),
      },
      references: { role: ['aws_iam_role.fn.id', 'aws_iam_role.fn'] },
    };
    const fn = (name: string, values: Record<string, unknown>) => ({
      address: `aws_lambda_function.${name}`,
      values: { function_name: name, role: 'arn:aws:iam::111122223333:role/fn', runtime: 'python3.12', ...values },
      references: { role: ['aws_iam_role.fn.arn', 'aws_iam_role.fn'] },
    });
    const resources = [
      role,
      inline,
      fn('inside', {
        reserved_concurrent_executions: 4,
        vpc_config: [{ subnet_ids: ['subnet-1'], security_group_ids: ['sg-1'] }],
      }),
      fn('outside', { reserved_concurrent_executions: -1, vpc_config: [] }),
    ];
    expect(planVerdicts(resources, lambdaAiFunctionInVpc)).toEqual([
      'pass aws_lambda_function.inside',
      'fail aws_lambda_function.outside',
    ]);
    expect(planVerdicts(resources, lambdaAiFunctionConcurrency)).toEqual([
      'pass aws_lambda_function.inside',
      'fail aws_lambda_function.outside',
    ]);
  });
});
