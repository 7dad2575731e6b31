import { describe, expect, it } from 'vitest';
import { runRules, verdicts } from '../../test-helpers.js';
import { agentcoreBrowserRecording } from './agentcore-browser-recording.js';
import { agentcoreBrowserVpc } from './agentcore-browser-vpc.js';
import { agentcoreCodeInterpreterIsolated } from './agentcore-code-interpreter-isolated.js';
import { agentcoreGatewayAuthorizer } from './agentcore-gateway-authorizer.js';
import { agentcoreGatewayCmk } from './agentcore-gateway-cmk.js';
import { agentcoreJwtAuthorizerRestricted } from './agentcore-jwt-authorizer-restricted.js';
import { agentcoreMemoryCmk } from './agentcore-memory-cmk.js';
import { agentcoreRuntimeVpc } from './agentcore-runtime-vpc.js';
import { agentcoreRules } from './index.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;

const runtime = (id: string, extra: string) => `  ${id}:
    Type: AWS::BedrockAgentCore::Runtime
    Properties:
      AgentRuntimeName: ${id.toLowerCase()}
      RoleArn: r
      AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: i } }
${extra}`;

describe('agentcore family', () => {
  it('registers every rule once', () => {
    const ids = agentcoreRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('agentcore-runtime-vpc');
  });
});

describe('runtime rules', () => {
  const t = tpl(
    runtime(
      'InVpc',
      `      NetworkConfiguration:
        NetworkMode: VPC
        NetworkModeConfig: { Subnets: [!Ref SubnetA], SecurityGroups: [!Ref Sg] }
      AuthorizerConfiguration:
        CustomJWTAuthorizer: { DiscoveryUrl: https://idp/.well-known/openid-configuration, AllowedClients: [!Ref Client] }
`,
    ) +
      runtime(
        'VpcNoSubnets',
        `      NetworkConfiguration: { NetworkMode: VPC, NetworkModeConfig: { Subnets: [], SecurityGroups: [] } }
      AuthorizerConfiguration:
        CustomJWTAuthorizer: { DiscoveryUrl: https://idp/.well-known/openid-configuration, AllowedScopes: [read] }
`,
      ) +
      runtime('Public', '      NetworkConfiguration: { NetworkMode: PUBLIC }\n') +
      runtime('FromParam', '      NetworkConfiguration: { NetworkMode: !Ref Mode }\n'),
    'Parameters:\n  Mode: { Type: String, Default: PUBLIC }\n',
  );
  it('agentcore-runtime-vpc wants VPC mode with subnets', () => {
    expect(verdicts(t, agentcoreRuntimeVpc)).toEqual([
      'pass InVpc',
      'fail VpcNoSubnets',
      'fail Public',
      'fail FromParam',
    ]);
    const f = runRules(t, [agentcoreRuntimeVpc]).find((x) => x.resource.id === 'Public')!;
    expect(f.resource.line).toBe(t.split('\n').findIndex((l) => l.includes('NetworkMode: PUBLIC')) + 1);
  });
  it('agentcore-jwt-authorizer-restricted: IAM-authorised runtimes are not evaluated', () => {
    expect(verdicts(t, agentcoreJwtAuthorizerRestricted)).toEqual(['pass InVpc', 'fail VpcNoSubnets']);
    const f = runRules(t, [agentcoreJwtAuthorizerRestricted]).find((x) => x.status === 'fail')!;
    expect(f.message).toMatch(/scopes alone/);
  });
});

describe('gateway and memory rules', () => {
  const gateways = tpl(`  Jwt:
    Type: AWS::BedrockAgentCore::Gateway
    Properties:
      Name: jwt
      RoleArn: r
      AuthorizerType: CUSTOM_JWT
      KmsKeyArn: !GetAtt Key.Arn
      AuthorizerConfiguration:
        CustomJWTAuthorizer: { DiscoveryUrl: https://idp/.well-known/openid-configuration, AllowedAudience: [tools] }
  Iam:
    Type: AWS::BedrockAgentCore::Gateway
    Properties: { Name: iam, RoleArn: r, AuthorizerType: AWS_IAM }
  Open:
    Type: AWS::BedrockAgentCore::Gateway
    Properties: { Name: open, RoleArn: r, AuthorizerType: NONE, KmsKeyArn: "" }
  AnyToken:
    Type: AWS::BedrockAgentCore::Gateway
    Properties:
      Name: any
      RoleArn: r
      AuthorizerType: CUSTOM_JWT
      AuthorizerConfiguration: { CustomJWTAuthorizer: { DiscoveryUrl: https://idp/.well-known/openid-configuration } }
`);
  it('agentcore-gateway-authorizer fails NONE', () =>
    expect(verdicts(gateways, agentcoreGatewayAuthorizer)).toEqual([
      'pass Jwt',
      'pass Iam',
      'fail Open',
      'pass AnyToken',
    ]));
  it('agentcore-jwt-authorizer-restricted fails a discovery URL alone', () =>
    expect(verdicts(gateways, agentcoreJwtAuthorizerRestricted)).toEqual(['pass Jwt', 'fail AnyToken']));
  it('agentcore-gateway-cmk', () =>
    expect(verdicts(gateways, agentcoreGatewayCmk)).toEqual(['pass Jwt', 'fail Iam', 'fail Open', 'fail AnyToken']));
  it('agentcore-memory-cmk', () => {
    const t = tpl(`  Keyed:
    Type: AWS::BedrockAgentCore::Memory
    Properties: { Name: k, EventExpiryDuration: 30, EncryptionKeyArn: !GetAtt Key.Arn }
  Default:
    Type: AWS::BedrockAgentCore::Memory
    Properties: { Name: d, EventExpiryDuration: 30 }
`);
    expect(verdicts(t, agentcoreMemoryCmk)).toEqual(['pass Keyed', 'fail Default']);
  });
});

describe('tool rules', () => {
  it('agentcore-code-interpreter-isolated accepts SANDBOX and VPC', () => {
    const t = tpl(`  Sandbox:
    Type: AWS::BedrockAgentCore::CodeInterpreterCustom
    Properties: { Name: s, NetworkConfiguration: { NetworkMode: SANDBOX } }
  Vpc:
    Type: AWS::BedrockAgentCore::CodeInterpreterCustom
    Properties: { Name: v, NetworkConfiguration: { NetworkMode: VPC, VpcConfig: { Subnets: [a], SecurityGroups: [b] } } }
  Public:
    Type: AWS::BedrockAgentCore::CodeInterpreterCustom
    Properties: { Name: p, NetworkConfiguration: { NetworkMode: PUBLIC } }
`);
    expect(verdicts(t, agentcoreCodeInterpreterIsolated)).toEqual(['pass Sandbox', 'pass Vpc', 'fail Public']);
  });

  const browsers = tpl(`  Private:
    Type: AWS::BedrockAgentCore::BrowserCustom
    Properties:
      Name: p
      NetworkConfiguration: { NetworkMode: VPC, VpcConfig: { Subnets: [a], SecurityGroups: [b] } }
      RecordingConfig: { Enabled: "true", S3Location: { Bucket: !Ref Recordings, Prefix: b/ } }
  Public:
    Type: AWS::BedrockAgentCore::BrowserCustom
    Properties:
      Name: q
      NetworkConfiguration: { NetworkMode: PUBLIC }
      RecordingConfig: { Enabled: true }
  Silent:
    Type: AWS::BedrockAgentCore::BrowserCustom
    Properties:
      Name: s
      NetworkConfiguration: { NetworkMode: PUBLIC }
      RecordingConfig: { Enabled: false, S3Location: { Bucket: b, Prefix: p } }
`);
  it('agentcore-browser-vpc', () =>
    expect(verdicts(browsers, agentcoreBrowserVpc)).toEqual(['pass Private', 'fail Public', 'fail Silent']));
  it('agentcore-browser-recording needs recording on and an S3 location', () => {
    expect(verdicts(browsers, agentcoreBrowserRecording)).toEqual(['pass Private', 'fail Public', 'fail Silent']);
    const f = runRules(browsers, [agentcoreBrowserRecording]).find((x) => x.resource.id === 'Public')!;
    expect(f.message).toMatch(/without an S3 location/);
  });
});
