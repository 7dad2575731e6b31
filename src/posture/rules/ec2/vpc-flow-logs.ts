import { fail, pass, type ResourceRule } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';

export const vpcFlowLogsEnabled: ResourceRule = {
  kind: 'resource',
  id: 'vpc-flow-logs-enabled',
  title: 'VPC has flow logs',
  severity: 'medium',
  resourceTypes: ['AWS::EC2::VPC'],
  controls: ['tdr-vpc-flow-logs'],
  description:
    'An AWS::EC2::FlowLog with ResourceType VPC points at the VPC, so connections to and from model hosts, notebooks and endpoints are recorded for GuardDuty and for investigations.',
  remediation: {
    text: 'Declare an AWS::EC2::FlowLog for the VPC delivering to CloudWatch Logs or S3.',
    cloudformation:
      'VpcFlowLog:\n  Type: AWS::EC2::FlowLog\n  Properties:\n    ResourceType: VPC\n    ResourceId: !Ref Vpc\n    TrafficType: ALL\n    LogDestinationType: cloud-watch-logs\n    LogGroupName: !Ref FlowLogGroup\n    DeliverLogsPermissionArn: !GetAtt FlowLogRole.Arn',
    terraform:
      'resource "aws_flow_log" "vpc" {\n  vpc_id          = aws_vpc.this.id\n  traffic_type    = "ALL"\n  log_destination = aws_cloudwatch_log_group.flow.arn\n  iam_role_arn    = aws_iam_role.flow.arn\n}',
  },
  equivalents: {
    checkov: ['CKV2_AWS_11'],
    cdkNag: ['AwsSolutions-VPC7', 'HIPAA.Security-VPCFlowLogsEnabled', 'NIST.800.53.R5-VPCFlowLogsEnabled'],
    cfnNag: ['W60'],
    prowler: ['vpc_flow_logs_enabled'],
    securityHub: ['EC2.6'],
  },
  evaluate(vpc, ctx) {
    const logs = ctx.graph
      .referencing(vpc, 'AWS::EC2::FlowLog')
      .filter((f) => f.properties.ResourceType === 'VPC' && refTarget(f.properties.ResourceId) === vpc.id);
    return logs.length
      ? pass(`VPC ${vpc.id} has flow log ${logs[0]!.id}.`)
      : fail(`VPC ${vpc.id} has no flow log: network activity of AI hosts in it is not recorded.`);
  },
};
