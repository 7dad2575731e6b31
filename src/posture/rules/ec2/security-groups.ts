import type { Resource, ResourceGraph } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';
import { isAiHost } from '../ai-footprint.js';

/** One ingress rule, inline in a security group or a standalone AWS::EC2::SecurityGroupIngress. */
export interface Ingress {
  /** Path of the rule inside the resource's Properties ([] for a standalone ingress resource). */
  path: (string | number)[];
  protocol: string;
  from?: number;
  to?: number;
}

export function ingressRules(r: Resource): Ingress[] {
  const read = (o: Record<string, unknown>, path: (string | number)[]): Ingress => ({
    path,
    protocol: String(o.IpProtocol ?? '').toLowerCase(),
    from: toPort(o.FromPort),
    to: toPort(o.ToPort),
  });
  if (r.type === 'AWS::EC2::SecurityGroupIngress') return [read(r.properties, [])];
  const list = r.properties.SecurityGroupIngress;
  if (!Array.isArray(list)) return [];
  return list.flatMap((x, i) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? [read(x as Record<string, unknown>, ['SecurityGroupIngress', i])]
      : [],
  );
}

function toPort(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** The whole-internet CIDR an ingress rule allows ('0.0.0.0/0' or '::/0'), resolving parameter defaults. */
export function worldCidr(ctx: RuleContext, r: Resource, rule: Ingress): string | undefined {
  for (const key of ['CidrIp', 'CidrIpv6']) {
    const v = ctx.value(r, [...rule.path, key]);
    if (typeof v === 'string' && /\/0$/.test(v.trim())) return v.trim();
  }
  return undefined;
}

const ALL_PROTOCOLS = new Set(['-1', 'all']);

/** `tcp 443`, `tcp 0-65535`, `all traffic`: for messages. */
export function describePorts(rule: Ingress): string {
  if (ALL_PROTOCOLS.has(rule.protocol)) return 'all traffic';
  if (rule.from === undefined || rule.to === undefined) return `${rule.protocol} (ports unset)`;
  return rule.from === rule.to ? `${rule.protocol} ${rule.from}` : `${rule.protocol} ${rule.from}-${rule.to}`;
}

/** True when the rule opens exactly TCP port 80 or 443 (the web ports Security Hub EC2.18 authorizes by default). */
export function isWebPortOnly(rule: Ingress): boolean {
  const tcp = rule.protocol === 'tcp' || rule.protocol === '6';
  return tcp && rule.from !== undefined && rule.from === rule.to && (rule.from === 80 || rule.from === 443);
}

/** The security group an ingress rule belongs to: itself, or the group a standalone ingress names by Ref/GetAtt. */
export function groupOf(graph: ResourceGraph, r: Resource): Resource | undefined {
  if (r.type === 'AWS::EC2::SecurityGroup') return r;
  const target = refTarget(r.properties.GroupId) ?? refTarget(r.properties.GroupName);
  const g = target ? graph.get(r, target) : undefined;
  return g?.type === 'AWS::EC2::SecurityGroup' ? g : undefined;
}

/**
 * AI compute (see isAiHost) the security group guards: hosts that reference it, and hosts that use a network
 * interface in the group (an instance that lists the interface by id, or an AWS::EC2::NetworkInterfaceAttachment
 * that attaches it to an instance), since such an instance takes its groups from the interface.
 */
export function aiHostsOf(graph: ResourceGraph, sg: Resource): Resource[] {
  const direct = graph.referencing(sg);
  const hosts = new Set(direct.filter(isAiHost));
  for (const eni of direct) {
    if (eni.type !== 'AWS::EC2::NetworkInterface') continue;
    for (const user of graph.referencing(eni)) {
      if (isAiHost(user)) hosts.add(user);
      if (user.type !== 'AWS::EC2::NetworkInterfaceAttachment') continue;
      const instance = refTarget(user.properties.InstanceId);
      const host = instance ? graph.get(user, instance) : undefined;
      if (host && isAiHost(host)) hosts.add(host);
    }
  }
  return [...hosts];
}
