import { describe, expect, it } from 'vitest';
import { verdicts } from '../../test-helpers.js';
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
