import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { cloudfrontTls12 } from './cloudfront-tls12.js';
import { cloudfrontViewerHttps } from './cloudfront-viewer-https.js';
import { cloudfrontWaf } from './cloudfront-waf.js';
import { cloudfrontRules } from './index.js';

const dist = (id: string, config: string) => `  ${id}:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins: [{ Id: app, DomainName: app.example.com, CustomOriginConfig: { OriginProtocolPolicy: https-only } }]
${config}
`;
const tpl = (resources: string, extra = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${extra}Resources:\n${resources}`;

describe('cloudfront rule metadata', () => {
  it('names only catalog controls', () => {
    const known = new Set(bundledCatalog().controls.map((c) => c.id));
    for (const r of cloudfrontRules) for (const c of r.controls) expect(known, `${r.id} → ${c}`).toContain(c);
  });
});

describe('cloudfront-waf', () => {
  const t = tpl(
    dist(
      'WithAcl',
      '        WebACLId: !GetAtt EdgeAcl.Arn\n        DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: https-only }',
    ) +
      dist(
        'EmptyAcl',
        '        WebACLId: ""\n        DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: https-only }',
      ) +
      dist(
        'ParamAcl',
        '        WebACLId: !Ref Acl\n        DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: https-only }',
      ) +
      dist('NoAcl', '        DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: https-only }'),
    'Parameters:\n  Acl: { Type: String, Default: "" }\n',
  );
  it('requires a non-empty WebACLId (parameter defaults resolved)', () =>
    expect(verdicts(t, cloudfrontWaf)).toEqual(['pass WithAcl', 'fail EmptyAcl', 'fail ParamAcl', 'fail NoAcl']));
});

describe('cloudfront-viewer-https', () => {
  const t = tpl(
    dist(
      'Https',
      '        DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: redirect-to-https }\n        CacheBehaviors: [{ PathPattern: /api/*, TargetOriginId: app, ViewerProtocolPolicy: https-only }]',
    ) +
      dist('OpenDefault', '        DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: allow-all }') +
      dist(
        'OpenPath',
        '        DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: https-only }\n        CacheBehaviors: [{ PathPattern: /chat/*, TargetOriginId: app, ViewerProtocolPolicy: allow-all }]',
      ) +
      dist(
        'Branch',
        '        DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: https-only }\n        CacheBehaviors: !If [Dev, [{ PathPattern: /dev/*, TargetOriginId: app, ViewerProtocolPolicy: allow-all }], !Ref AWS::NoValue]',
      ),
    'Parameters:\n  Env: { Type: String }\nConditions:\n  Dev: !Equals [!Ref Env, dev]\n',
  );
  it('checks the default and every path behavior', () =>
    expect(verdicts(t, cloudfrontViewerHttps)).toEqual([
      'pass Https',
      'fail OpenDefault',
      'fail OpenPath',
      'fail Branch',
    ]));
  it('names the path and the Fn::If branch that serves HTTP', () => {
    const f = runRules(t, [cloudfrontViewerHttps]);
    expect(f.find((x) => x.resource.id === 'OpenPath')!.message).toContain('/chat/*');
    expect(f.find((x) => x.resource.id === 'Branch')!.message).toContain('condition Dev is true');
  });
});

describe('cloudfront-tls12', () => {
  const behavior = '        DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: https-only }\n';
  const t = tpl(
    dist(
      'Modern',
      `${behavior}        ViewerCertificate: { AcmCertificateArn: arn, SslSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.2_2021 }`,
    ) +
      dist(
        'Tls13',
        `${behavior}        ViewerCertificate: { AcmCertificateArn: arn, SslSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.3_2025 }`,
      ) +
      dist(
        'Old',
        `${behavior}        ViewerCertificate: { AcmCertificateArn: arn, SslSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.1_2016 }`,
      ) +
      dist('DefaultCert', `${behavior}        ViewerCertificate: { CloudFrontDefaultCertificate: "true" }`) +
      dist('NoCert', behavior.trimEnd()),
  );
  it('requires an own certificate with a TLS 1.2+ minimum', () =>
    expect(verdicts(t, cloudfrontTls12)).toEqual([
      'pass Modern',
      'pass Tls13',
      'fail Old',
      'fail DefaultCert',
      'fail NoCert',
    ]));
});
