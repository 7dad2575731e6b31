import type { Rule } from '../../rule.js';
import { ec2AiHostEbsEncrypted } from './ec2-ai-host-ebs-encrypted.js';
import { ec2AiHostImdsv2 } from './ec2-ai-host-imdsv2.js';
import { ec2AiHostNoPublicIp } from './ec2-ai-host-no-public-ip.js';
import { ec2SgNoPublicIngressAiHosts } from './ec2-sg-no-public-ingress-ai-hosts.js';
import { ec2SgOpenIngressAuthorizedPorts } from './ec2-sg-open-ingress-authorized-ports.js';
import { ec2SgRuleDescription } from './ec2-sg-rule-description.js';
import { vpcDefaultSecurityGroupClosed } from './vpc-default-security-group-closed.js';
import { vpcEndpointBedrock } from './vpc-endpoint-bedrock.js';
import { vpcEndpointPrivateDns } from './vpc-endpoint-private-dns.js';
import { vpcEndpointS3Gateway } from './vpc-endpoint-s3-gateway.js';
import { vpcEndpointSagemaker } from './vpc-endpoint-sagemaker.js';
import { vpcFlowLogsEnabled } from './vpc-flow-logs.js';

/** ec2 rules (VPC endpoints, flow logs, security groups), in evaluation order. */
export const ec2Rules: Rule[] = [
  vpcEndpointBedrock,
  vpcEndpointSagemaker,
  vpcEndpointS3Gateway,
  vpcEndpointPrivateDns,
  vpcFlowLogsEnabled,
  vpcDefaultSecurityGroupClosed,
  ec2SgNoPublicIngressAiHosts,
  ec2SgOpenIngressAuthorizedPorts,
  ec2SgRuleDescription,
  ec2AiHostImdsv2,
  ec2AiHostNoPublicIp,
  ec2AiHostEbsEncrypted,
];
