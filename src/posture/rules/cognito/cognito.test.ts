import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { verdicts } from '../../test-helpers.js';
import { cognitoIdentityPoolNoUnauth } from './cognito-identity-pool-no-unauth.js';
import { cognitoUserPoolMfa } from './cognito-user-pool-mfa.js';
import { cognitoUserPoolThreatProtection } from './cognito-user-pool-threat-protection.js';
import { cognitoRules } from './index.js';

const tpl = (resources: string, extra = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${extra}Resources:\n${resources}`;

describe('cognito rules', () => {
  it('name only catalog controls', () => {
    const known = new Set(bundledCatalog().controls.map((c) => c.id));
    for (const r of cognitoRules) for (const c of r.controls) expect(known, `${r.id} → ${c}`).toContain(c);
  });

  it('cognito-identity-pool-no-unauth: string booleans, parameters, missing value', () => {
    const t = tpl(
      `  Closed:
    Type: AWS::Cognito::IdentityPool
    Properties: { AllowUnauthenticatedIdentities: "False" }
  Guest:
    Type: AWS::Cognito::IdentityPool
    Properties: { AllowUnauthenticatedIdentities: true }
  FromParam:
    Type: AWS::Cognito::IdentityPool
    Properties: { AllowUnauthenticatedIdentities: !Ref Guests }
  Unset:
    Type: AWS::Cognito::IdentityPool
    Properties: { IdentityPoolName: x }
`,
      'Parameters:\n  Guests: { Type: String, Default: "true" }\n',
    );
    expect(verdicts(t, cognitoIdentityPoolNoUnauth)).toEqual([
      'pass Closed',
      'fail Guest',
      'fail FromParam',
      'fail Unset',
    ]);
  });

  const pools = tpl(`  Strict:
    Type: AWS::Cognito::UserPool
    Properties: { MfaConfiguration: "ON", UserPoolTier: PLUS, UserPoolAddOns: { AdvancedSecurityMode: ENFORCED } }
  Adaptive:
    Type: AWS::Cognito::UserPool
    Properties: { MfaConfiguration: OPTIONAL, UserPoolTier: PLUS, UserPoolAddOns: { AdvancedSecurityMode: ENFORCED } }
  OptionalAudit:
    Type: AWS::Cognito::UserPool
    Properties: { MfaConfiguration: OPTIONAL, UserPoolAddOns: { AdvancedSecurityMode: AUDIT } }
  Plain:
    Type: AWS::Cognito::UserPool
    Properties: { UserPoolName: p }
`);
  it('cognito-user-pool-mfa accepts ON, or OPTIONAL with enforced threat protection', () =>
    expect(verdicts(pools, cognitoUserPoolMfa)).toEqual([
      'pass Strict',
      'pass Adaptive',
      'fail OptionalAudit',
      'fail Plain',
    ]));
  it('cognito-user-pool-threat-protection requires ENFORCED (AUDIT only records)', () =>
    expect(verdicts(pools, cognitoUserPoolThreatProtection)).toEqual([
      'pass Strict',
      'pass Adaptive',
      'fail OptionalAudit',
      'fail Plain',
    ]));
});
