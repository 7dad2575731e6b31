import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { ec2SgNoPublicIngressAiHosts } from './ec2-sg-no-public-ingress-ai-hosts.js';
import { ec2SgOpenIngressAuthorizedPorts } from './ec2-sg-open-ingress-authorized-ports.js';
import { ec2SgRuleDescription } from './ec2-sg-rule-description.js';
import { ec2Rules } from './index.js';
import { vpcEndpointBedrock } from './vpc-endpoint-bedrock.js';
import { vpcEndpointPrivateDns } from './vpc-endpoint-private-dns.js';
import { vpcEndpointS3Gateway } from './vpc-endpoint-s3-gateway.js';
import { vpcEndpointSagemaker } from './vpc-endpoint-sagemaker.js';
import { serviceNamePattern, serviceSuffix } from './vpc-endpoints.js';
import { vpcFlowLogsEnabled } from './vpc-flow-logs.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;

describe('ec2 rule metadata', () => {
  it('names only catalog controls', () => {
    const known = new Set(bundledCatalog().controls.map((c) => c.id));
    for (const r of ec2Rules) for (const c of r.controls) expect(known, `${r.id} → ${c}`).toContain(c);
  });
});

describe('VPC endpoint service names', () => {
  it('reads plain, Sub and Join forms with the region left open', () => {
    expect(serviceNamePattern('com.amazonaws.eu-west-1.bedrock-runtime')).toBe(
      'com.amazonaws.eu-west-1.bedrock-runtime',
    );
    expect(serviceNamePattern({ 'Fn::Sub': 'com.amazonaws.${AWS::Region}.sagemaker.runtime' })).toBe(
      'com.amazonaws.*.sagemaker.runtime',
    );
    expect(serviceNamePattern({ 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] })).toBe(
      'com.amazonaws.*.s3',
    );
    expect(serviceNamePattern({ Ref: 'ServiceParam' })).toBeUndefined();
    expect(serviceSuffix('com.amazonaws.*.sagemaker.runtime')).toBe('sagemaker.runtime');
    expect(serviceSuffix('com.amazonaws.us-east-1.bedrock-agent-runtime')).toBe('bedrock-agent-runtime');
  });
});

describe('VPC endpoints for AI services', () => {
  const vpcs = `  Covered:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Bare:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.1.0.0/16 }
  Runtime:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Covered
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.bedrock-runtime
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
  AgentRuntime:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Covered
      ServiceName: !Join ['', [com.amazonaws., !Ref 'AWS::Region', .bedrock-agent-runtime]]
      VpcEndpointType: Interface
      PrivateDnsEnabled: "true"
  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Covered
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3
      RouteTableIds: [rtb-1]
  SmApi:
    Type: AWS::EC2::VPCEndpoint
    Properties: { VpcId: !Ref Covered, ServiceName: com.amazonaws.us-east-1.sagemaker.api, VpcEndpointType: Interface }
  SmRuntime:
    Type: AWS::EC2::VPCEndpoint
    Properties: { VpcId: !Ref Covered, ServiceName: com.amazonaws.us-east-1.sagemaker.runtime, VpcEndpointType: Interface }
`;
  const invokePolicy = `  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: ["bedrock:InvokeModel"], Resource: "arn:aws:bedrock:*::foundation-model/x" }
`;
  it('requires bedrock-runtime when a policy grants bedrock:InvokeModel', () =>
    expect(verdicts(tpl(vpcs + invokePolicy), vpcEndpointBedrock)).toEqual(['pass Covered', 'fail Bare']));

  it('requires bedrock-agent-runtime as well once an agent is declared', () => {
    const agent = `  Agent:
    Type: AWS::Bedrock::Agent
    Properties: { AgentName: a }
`;
    const noAgentEp = vpcs.replace(/ {2}AgentRuntime:[\s\S]*?(?= {2}S3:)/, '');
    expect(verdicts(tpl(noAgentEp + agent), vpcEndpointBedrock)).toEqual(['fail Covered', 'fail Bare']);
    const f = runRules(tpl(noAgentEp + agent), [vpcEndpointBedrock]).find((x) => x.resource.id === 'Covered')!;
    expect(f.message).toContain('bedrock-agent-runtime');
    expect(f.message).not.toContain('bedrock-runtime or');
    expect(verdicts(tpl(vpcs + agent), vpcEndpointBedrock)).toEqual(['pass Covered', 'fail Bare']);
  });

  it('says nothing about VPCs when the scan uses no AI service', () =>
    expect(verdicts(tpl(vpcs), vpcEndpointBedrock)).toEqual([]));

  it('ignores wildcard-only admin grants as evidence of Bedrock use', () => {
    const admin = `  Admin:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: a
      PolicyDocument: { Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }
`;
    expect(verdicts(tpl(vpcs + admin), vpcEndpointBedrock)).toEqual([]);
  });

  it('counts an endpoint whose VpcId comes from another stack for every VPC', () => {
    const imported = `  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Ep:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !ImportValue network-VpcId
      ServiceName: com.amazonaws.us-east-1.bedrock-runtime
      VpcEndpointType: Interface
`;
    expect(verdicts(tpl(imported + invokePolicy), vpcEndpointBedrock)).toEqual(['pass Vpc']);
  });

  it('does not accept a gateway-type endpoint for an interface-only service', () => {
    const gw = `  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Ep:
    Type: AWS::EC2::VPCEndpoint
    Properties: { VpcId: !Ref Vpc, ServiceName: com.amazonaws.us-east-1.bedrock-runtime }
`;
    expect(verdicts(tpl(gw + invokePolicy), vpcEndpointBedrock)).toEqual(['fail Vpc']);
  });

  it('requires sagemaker.api and runtime for SageMaker resources, runtime only for invoke grants', () => {
    const nb = `  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: r }
`;
    expect(verdicts(tpl(vpcs + nb), vpcEndpointSagemaker)).toEqual(['pass Covered', 'fail Bare']);
    const invoke = `  Caller:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: p
          PolicyDocument: { Statement: [{ Effect: Allow, Action: sagemaker:InvokeEndpoint, Resource: arn:aws:sagemaker:*:*:endpoint/x }] }
`;
    const runtimeOnly = vpcs.replace(/ {2}SmApi:[\s\S]*?(?= {2}SmRuntime:)/, '');
    expect(verdicts(tpl(runtimeOnly + invoke), vpcEndpointSagemaker)).toEqual(['pass Covered', 'fail Bare']);
    expect(verdicts(tpl(runtimeOnly + nb), vpcEndpointSagemaker)).toEqual(['fail Covered', 'fail Bare']);
  });

  it('requires an S3 endpoint (gateway by default type) once AI services are used', () => {
    expect(verdicts(tpl(vpcs + invokePolicy), vpcEndpointS3Gateway)).toEqual(['pass Covered', 'fail Bare']);
    expect(verdicts(tpl(vpcs), vpcEndpointS3Gateway)).toEqual([]);
  });
});

describe('vpc-endpoint-private-dns', () => {
  const eps = tpl(
    `  On:
    Type: AWS::EC2::VPCEndpoint
    Properties: { VpcId: v, ServiceName: com.amazonaws.us-east-1.bedrock-runtime, VpcEndpointType: Interface, PrivateDnsEnabled: "True" }
  Default:
    Type: AWS::EC2::VPCEndpoint
    Properties: { VpcId: v, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.sagemaker.runtime", VpcEndpointType: Interface }
  FromParam:
    Type: AWS::EC2::VPCEndpoint
    Properties: { VpcId: v, ServiceName: com.amazonaws.us-east-1.bedrock-agent-runtime, VpcEndpointType: Interface, PrivateDnsEnabled: !Ref Dns }
  Gateway:
    Type: AWS::EC2::VPCEndpoint
    Properties: { VpcId: v, ServiceName: com.amazonaws.us-east-1.s3 }
  Partner:
    Type: AWS::EC2::VPCEndpoint
    Properties: { VpcId: v, ServiceName: com.amazonaws.vpce.us-east-1.vpce-svc-123, VpcEndpointType: Interface }
`,
    'Parameters:\n  Dns: { Type: String, Default: "false" }\n',
  );
  it('passes only when private DNS is on; gateway and partner endpoints are not judged', () =>
    expect(verdicts(eps, vpcEndpointPrivateDns)).toEqual(['pass On', 'fail Default', 'fail FromParam']));
});

describe('vpc-flow-logs-enabled', () => {
  const t = tpl(`  Logged:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Unlogged:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.1.0.0/16 }
  SubnetOnly:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.2.0.0/16 }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref SubnetOnly, CidrBlock: 10.2.0.0/24 }
  Flow:
    Type: AWS::EC2::FlowLog
    Properties: { ResourceType: VPC, ResourceId: !Ref Logged, TrafficType: ALL, LogDestination: arn:aws:s3:::logs }
  SubnetFlow:
    Type: AWS::EC2::FlowLog
    Properties: { ResourceType: Subnet, ResourceId: !Ref Subnet, TrafficType: ALL, LogDestination: arn:aws:s3:::logs }
`);
  it('follows FlowLog.ResourceId back to the VPC', () =>
    expect(verdicts(t, vpcFlowLogsEnabled)).toEqual(['pass Logged', 'fail Unlogged', 'fail SubnetOnly']));
});

describe('security group ingress', () => {
  const t = tpl(
    `  NotebookSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: notebook
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8, Description: vpc }
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: r, SecurityGroupIds: [!Ref NotebookSg], SubnetId: s }
  NotebookOpen:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: !GetAtt NotebookSg.GroupId, IpProtocol: tcp, FromPort: 8888, ToPort: 8888, CidrIp: !Ref World }
  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: tools
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: "::/0" }
  ToolFn:
    Type: AWS::Lambda::Function
    Properties: { Role: r, Code: { ZipFile: x }, VpcConfig: { SecurityGroupIds: [!Ref FnSg], SubnetIds: [s] } }
  AlbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: alb
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0, Description: https }
        - { IpProtocol: tcp, FromPort: "80", ToPort: "80", CidrIp: 0.0.0.0/0, Description: redirect }
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { SecurityGroups: [!Ref AlbSg], Subnets: [a, b] }
  BastionSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: bastion
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
  WideSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: wide
      SecurityGroupIngress:
        - { IpProtocol: "-1", CidrIp: 0.0.0.0/0, Description: all }
  RangeIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: sg-0123, IpProtocol: tcp, FromPort: 80, ToPort: 443, CidrIp: 0.0.0.0/0, Description: range }
`,
    'Parameters:\n  World: { Type: String, Default: 0.0.0.0/0 }\n',
  );

  it('ec2-sg-no-public-ingress-ai-hosts judges only groups of AI hosts, 443 included', () =>
    expect(verdicts(t, ec2SgNoPublicIngressAiHosts)).toEqual(['pass NotebookSg', 'fail NotebookOpen', 'fail FnSg']));

  it('ec2-sg-no-public-ingress-ai-hosts follows network interfaces to the accelerated instances that use them', () => {
    const eni = tpl(`  GpuSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: gpu
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }]
  TrainSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: train
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }]
  WebSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }]
  GpuEni:
    Type: AWS::EC2::NetworkInterface
    Properties: { SubnetId: s, GroupSet: [!Ref GpuSg] }
  TrainEni:
    Type: AWS::EC2::NetworkInterface
    Properties: { SubnetId: s, GroupSet: [!GetAtt TrainSg.GroupId] }
  WebEni:
    Type: AWS::EC2::NetworkInterface
    Properties: { SubnetId: s, GroupSet: [!Ref WebSg] }
  Gpu:
    Type: AWS::EC2::Instance
    Properties:
      InstanceType: p5.48xlarge
      ImageId: ami-1
      NetworkInterfaces: [{ NetworkInterfaceId: !Ref GpuEni, DeviceIndex: "0" }]
  Trainer:
    Type: AWS::EC2::Instance
    Properties: { InstanceType: trn1.32xlarge, ImageId: ami-1 }
  TrainerEni:
    Type: AWS::EC2::NetworkInterfaceAttachment
    Properties: { InstanceId: !Ref Trainer, NetworkInterfaceId: !Ref TrainEni, DeviceIndex: "1" }
  Web:
    Type: AWS::EC2::Instance
    Properties:
      InstanceType: t3.micro
      ImageId: ami-1
      NetworkInterfaces: [{ NetworkInterfaceId: !Ref WebEni, DeviceIndex: "0" }]
`);
    expect(verdicts(eni, ec2SgNoPublicIngressAiHosts)).toEqual(['fail GpuSg', 'fail TrainSg']);
    const f = runRules(eni, [ec2SgNoPublicIngressAiHosts]);
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('Gpu'), expect.stringContaining('Trainer')]);
  });

  it('points the AI-host finding at the offending rule', () => {
    const f = runRules(t, [ec2SgNoPublicIngressAiHosts]).find((x) => x.resource.id === 'FnSg')!;
    expect(f.resource.line).toBe(t.split('\n').findIndex((l) => l.includes('"::/0"')) + 1);
    expect(f.message).toContain('ToolFn');
  });

  it('ec2-sg-open-ingress-authorized-ports allows only single ports 80/443 and defers AI-host groups', () =>
    expect(verdicts(t, ec2SgOpenIngressAuthorizedPorts)).toEqual([
      'pass AlbSg',
      'fail BastionSg',
      'fail WideSg',
      'fail RangeIngress',
    ]));

  it('ec2-sg-rule-description checks inline, standalone and egress rules', () => {
    const d = tpl(`  Described:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: d
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8, Description: ok }]
      SecurityGroupEgress: [{ IpProtocol: "-1", CidrIp: 0.0.0.0/0, Description: out }]
  EgressBlank:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: d
      SecurityGroupEgress: [{ IpProtocol: "-1", CidrIp: 0.0.0.0/0, Description: "  " }]
  NoRules:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: d }
  In:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: sg-1, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 }
  Out:
    Type: AWS::EC2::SecurityGroupEgress
    Properties: { GroupId: sg-1, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8, Description: https }
`);
    expect(verdicts(d, ec2SgRuleDescription)).toEqual([
      'pass Described',
      'fail EgressBlank',
      'pass NoRules',
      'fail In',
      'pass Out',
    ]);
  });
});
