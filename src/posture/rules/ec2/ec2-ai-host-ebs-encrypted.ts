import type { Resource } from '../../graph.js';
import { fail, pass, type ResourceRule, type RuleContext } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';
import { asArray, asBool } from '../../values.js';
import { isAcceleratedHost, launchTemplateOf, usesUnreadLaunchTemplate } from './accelerated-hosts.js';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});

/** Block device mappings of an instance or launch template: EBS ones, each with its index. */
function ebsMappings(ctx: RuleContext, r: Resource): { ebs: Rec; path: (string | number)[] }[] {
  const base =
    r.type === 'AWS::EC2::LaunchTemplate' ? ['LaunchTemplateData', 'BlockDeviceMappings'] : ['BlockDeviceMappings'];
  return asArray(ctx.value(r, base)).flatMap((m, i) =>
    rec(m).Ebs === undefined ? [] : [{ ebs: rec(rec(m).Ebs), path: [...base, i, 'Ebs'] }],
  );
}

/** The accelerated instance a volume is attached to through an AWS::EC2::VolumeAttachment of the template. */
function aiHostOf(ctx: RuleContext, volume: Resource): Resource | undefined {
  for (const a of ctx.graph.referencing(volume, 'AWS::EC2::VolumeAttachment')) {
    const target = refTarget(a.properties.InstanceId);
    const host = target ? ctx.graph.get(a, target) : undefined;
    if (host && isAcceleratedHost(ctx, host)) return host;
  }
  return undefined;
}

export const ec2AiHostEbsEncrypted: ResourceRule = {
  kind: 'resource',
  id: 'ec2-ai-host-ebs-encrypted',
  title: 'EBS volumes of accelerated EC2 hosts are encrypted',
  severity: 'high',
  resourceTypes: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::EC2::Volume'],
  controls: ['dp-kms-cmk-at-rest'],
  description:
    'GPU, Inferentia, Trainium and DL instances (p*, g*, inf*, trn*, dl*) and their launch templates set Ebs.Encrypted true on every block device mapping, and AWS::EC2::Volume resources attached to them (AWS::EC2::VolumeAttachment) set Encrypted true (mappings restored from a snapshot inherit its encryption and are not judged), so datasets, checkpoints and model weights on local volumes are encrypted at rest. A host declaring no block device mappings keeps the root volume of its AMI, whose encryption the template does not show: it fails unless EBS encryption by default is on in the account (suppress with that reason).',
  remediation: {
    text: 'Set Encrypted: true (with a KmsKeyId) on every EBS block device mapping and volume of accelerated hosts, or turn on EBS encryption by default in the account.',
    cloudformation:
      'BlockDeviceMappings:\n  - DeviceName: /dev/xvda\n    Ebs:\n      VolumeSize: 500\n      Encrypted: true\n      KmsKeyId: !Ref VolumeKey',
    terraform: 'root_block_device {\n  volume_size = 500\n  encrypted   = true\n  kms_key_id  = aws_kms_key.ebs.arn\n}',
  },
  equivalents: { cdkNag: ['AwsSolutions-EC26'] },
  evaluate(r, ctx) {
    if (r.type === 'AWS::EC2::Volume') {
      const host = aiHostOf(ctx, r);
      if (!host) return undefined;
      return asBool(ctx.value(r, ['Encrypted'])) === true
        ? pass(`Volume ${r.id} of accelerated host ${host.id} is encrypted.`)
        : fail(`Volume ${r.id} of accelerated host ${host.id} is not encrypted.`, {
            path: r.properties.Encrypted === undefined ? [] : ['Encrypted'],
          });
    }
    if (!isAcceleratedHost(ctx, r)) return undefined;
    const kind = r.type === 'AWS::EC2::LaunchTemplate' ? 'Launch template' : 'Instance';
    const lt = launchTemplateOf(ctx, r);
    const sources = [r, ...(lt ? [lt] : [])].map((s) => ({ s, mappings: ebsMappings(ctx, s) }));
    for (const { s, mappings } of sources) {
      const plain = mappings.find((m) => asBool(m.ebs.Encrypted) !== true && m.ebs.SnapshotId === undefined);
      if (plain)
        return fail(
          s === r
            ? `${kind} ${r.id} is an accelerated AI host with an unencrypted EBS volume.`
            : `Instance ${r.id} gets an unencrypted EBS volume from launch template ${s.id}.`,
          { path: s === r ? plain.path : ['LaunchTemplate'] },
        );
    }
    if (sources.every(({ mappings }) => mappings.length === 0)) {
      if (usesUnreadLaunchTemplate(ctx, r))
        return {
          status: 'skip',
          message: `Instance ${r.id} uses a launch template outside this scan, so its volumes are not evidenced here.`,
        };
      return fail(
        `${kind} ${r.id} declares no block device mappings, so its root volume is encrypted only if the AMI or the account default encrypts it.`,
      );
    }
    return pass(`${kind} ${r.id} encrypts the EBS volumes it declares.`);
  },
};
