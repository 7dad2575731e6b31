import type { Resource } from '../../graph.js';
import { fail, pass, type ResourceRule, type RuleContext } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';
import { asArray, asBool } from '../../values.js';
import { isAcceleratedHost, launchTemplateOf } from './accelerated-hosts.js';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});

/** True when a subnet declared in the same template gives every instance launched in it a public IPv4 address. */
function publicSubnet(ctx: RuleContext, from: Resource, subnetId: unknown): Resource | undefined {
  const target = refTarget(subnetId);
  const subnet = target ? ctx.graph.get(from, target) : undefined;
  if (subnet?.type !== 'AWS::EC2::Subnet') return undefined;
  return asBool(ctx.value(subnet, ['MapPublicIpOnLaunch'])) === true ? subnet : undefined;
}

/** Why the resource's network settings hand out a public IP, or undefined when they do not. */
function publicIpReason(ctx: RuleContext, r: Resource): { why: string; path: (string | number)[] } | undefined {
  const base = r.type === 'AWS::EC2::LaunchTemplate' ? ['LaunchTemplateData'] : [];
  const interfaces = asArray(ctx.value(r, [...base, 'NetworkInterfaces']));
  for (const [i, ni] of interfaces.entries()) {
    const associate = asBool(rec(ni).AssociatePublicIpAddress);
    const path = [...base, 'NetworkInterfaces', i];
    if (associate === true) return { why: 'sets AssociatePublicIpAddress on a network interface', path };
    const subnet = associate === false ? undefined : publicSubnet(ctx, r, rec(ni).SubnetId);
    if (subnet) return { why: `attaches an interface to subnet ${subnet.id}, which maps public IPs on launch`, path };
  }
  if (r.type !== 'AWS::EC2::Instance' || interfaces.length) return undefined;
  const subnet = publicSubnet(ctx, r, ctx.value(r, ['SubnetId']));
  if (subnet) return { why: `launches in subnet ${subnet.id}, which maps public IPs on launch`, path: ['SubnetId'] };
  // No subnet and no launch template: EC2 picks a default subnet of the default VPC, which maps public IPs.
  if (r.properties.SubnetId === undefined && r.properties.LaunchTemplate === undefined)
    return { why: 'names no subnet, so it launches in the default VPC, whose subnets map public IPs', path: [] };
  return undefined;
}

export const ec2AiHostNoPublicIp: ResourceRule = {
  kind: 'resource',
  id: 'ec2-ai-host-no-public-ip',
  title: 'Accelerated EC2 instance or launch template gets no public IP address',
  severity: 'high',
  resourceTypes: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate'],
  controls: ['net-ai-compute-in-vpc'],
  description:
    'GPU, Inferentia, Trainium and DL instances (p*, g*, inf*, trn*, dl*) that train or serve models are reachable only through the VPC: no network interface sets AssociatePublicIpAddress true, on the instance or in its launch template, and the instance is placed neither in a subnet of the same template with MapPublicIpOnLaunch true (an interface that sets AssociatePublicIpAddress false overrides the subnet) nor, naming no subnet or launch template, in the default VPC. A public address puts the model server and its open ports one security-group mistake away from the internet; serve models behind a load balancer or a private endpoint instead. Subnets outside the scan are not judged; other instance families are not judged.',
  remediation: {
    text: 'Launch accelerated hosts in private subnets and set AssociatePublicIpAddress false; reach them through a load balancer, VPC endpoint or Session Manager.',
    cloudformation:
      'NetworkInterfaces:\n  - DeviceIndex: "0"\n    SubnetId: !Ref PrivateSubnet\n    AssociatePublicIpAddress: false',
    terraform: 'subnet_id                   = aws_subnet.private.id\nassociate_public_ip_address = false',
  },
  equivalents: {
    cdkNag: ['HIPAA.Security-EC2InstanceNoPublicIp', 'NIST.800.53.R5-EC2InstanceNoPublicIp'],
  },
  evaluate(r, ctx) {
    if (!isAcceleratedHost(ctx, r)) return undefined;
    const kind = r.type === 'AWS::EC2::LaunchTemplate' ? 'Launch template' : 'Instance';
    const own = publicIpReason(ctx, r);
    if (own) return fail(`${kind} ${r.id} is an accelerated AI host that ${own.why}.`, { path: own.path });
    const lt = launchTemplateOf(ctx, r);
    const inherited = lt ? publicIpReason(ctx, lt) : undefined;
    if (lt && inherited)
      return fail(`Instance ${r.id} uses launch template ${lt.id}, which ${inherited.why}.`, {
        path: ['LaunchTemplate'],
      });
    return pass(`${kind} ${r.id} assigns no public IP address.`);
  },
};
