import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { shieldRules } from './index.js';
import { shieldAdvancedPublicEndpoints } from './shield-advanced-public-endpoints.js';

const tpl = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;
const endpoints = `  Edge:
    Type: AWS::CloudFront::Distribution
    Properties: { DistributionConfig: { Enabled: true, DefaultCacheBehavior: { TargetOriginId: a, ViewerProtocolPolicy: https-only } } }
  PublicAlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Subnets: [a, b] }
  InternalAlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Scheme: internal, Subnets: [a, b] }
  PublicNlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Type: network, Subnets: [a, b] }
`;

describe('shield-advanced-public-endpoints', () => {
  it('names only catalog controls', () => {
    const known = new Set(bundledCatalog().controls.map((c) => c.id));
    for (const r of shieldRules) for (const c of r.controls) expect(known).toContain(c);
  });

  it('is silent when the scan has no public endpoint', () =>
    expect(
      verdicts(
        tpl('  Internal:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties: { Scheme: internal }\n'),
        shieldAdvancedPublicEndpoints,
      ),
    ).toEqual([]));

  it('says "not evidenced here" when no protection is declared at all', () => {
    const f = runRules(tpl(endpoints), [shieldAdvancedPublicEndpoints]);
    expect(f.map((x) => `${x.status} ${x.resource.id}`)).toEqual(['skip account']);
    expect(f[0]!.message).toContain('app-shield-advanced');
  });

  it('checks each public endpoint (not internal ALBs or NLBs) once protections are declared', () => {
    const t = tpl(
      `${endpoints}  EdgeProtection:
    Type: AWS::Shield::Protection
    Properties:
      Name: edge
      ResourceArn: !Sub arn:\${AWS::Partition}:cloudfront::\${AWS::AccountId}:distribution/\${Edge}
`,
    );
    expect(verdicts(t, shieldAdvancedPublicEndpoints)).toEqual(['pass Edge', 'fail PublicAlb']);
  });

  it('accepts a Firewall Manager Shield Advanced policy for the resource types it names', () => {
    const t = tpl(
      `${endpoints}  Fms:
    Type: AWS::FMS::Policy
    Properties:
      PolicyName: shield
      ExcludeResourceTags: false
      RemediationEnabled: true
      ResourceType: AWS::ElasticLoadBalancingV2::LoadBalancer
      SecurityServicePolicyData: { Type: SHIELD_ADVANCED }
`,
    );
    expect(verdicts(t, shieldAdvancedPublicEndpoints)).toEqual(['fail Edge', 'pass PublicAlb']);
  });
});
