import { fail, pass, type ResourceRule } from '../../rule.js';

export const cognitoUserPoolMfa: ResourceRule = {
  kind: 'resource',
  id: 'cognito-user-pool-mfa',
  title: 'Cognito user pool requires MFA',
  severity: 'medium',
  resourceTypes: ['AWS::Cognito::UserPool'],
  controls: ['iam-mfa-identity-center', 'app-api-authorization'],
  description:
    'MfaConfiguration is ON, or OPTIONAL together with threat protection in ENFORCED mode (adaptive authentication then demands a second factor for risky sign-ins, as AWS recommends). A stolen password alone then does not open the AI application and its conversation history. The default is OFF.',
  remediation: {
    text: 'Set MfaConfiguration: ON with TOTP (or OPTIONAL with UserPoolAddOns.AdvancedSecurityMode: ENFORCED).',
    cloudformation: 'MfaConfiguration: "ON"\nEnabledMfas: [SOFTWARE_TOKEN_MFA]',
    terraform: 'mfa_configuration = "ON"\nsoftware_token_mfa_configuration { enabled = true }',
  },
  equivalents: { cdkNag: ['AwsSolutions-COG2'], cfnNag: ['F78'], prowler: ['cognito_user_pool_mfa_enabled'] },
  evaluate(pool, ctx) {
    const mfa = ctx.value(pool, ['MfaConfiguration']);
    const mode = ctx.value(pool, ['UserPoolAddOns', 'AdvancedSecurityMode']);
    // YAML 1.1 readers turn an unquoted ON into true.
    if (mfa === 'ON' || mfa === true) return pass(`User pool ${pool.id} requires MFA.`);
    if (mfa === 'OPTIONAL' && mode === 'ENFORCED')
      return pass(`User pool ${pool.id} uses adaptive MFA with enforced threat protection.`);
    return fail(
      `User pool ${pool.id} does not require MFA (MfaConfiguration ${typeof mfa === 'string' ? mfa : 'OFF by default'}).`,
      { path: ['MfaConfiguration'] },
    );
  },
};
