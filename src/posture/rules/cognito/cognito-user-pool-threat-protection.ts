import { fail, pass, type ResourceRule } from '../../rule.js';

export const cognitoUserPoolThreatProtection: ResourceRule = {
  kind: 'resource',
  id: 'cognito-user-pool-threat-protection',
  title: 'Cognito user pool enforces threat protection',
  severity: 'low',
  resourceTypes: ['AWS::Cognito::UserPool'],
  controls: ['app-api-authorization'],
  description:
    'UserPoolAddOns.AdvancedSecurityMode is ENFORCED, so sign-ins with compromised credentials or from risky contexts are blocked or challenged before the user reaches the AI application (AUDIT only records them). Threat protection needs the Plus feature plan.',
  remediation: {
    text: 'Set UserPoolTier: PLUS and UserPoolAddOns.AdvancedSecurityMode: ENFORCED.',
    cloudformation: 'UserPoolTier: PLUS\nUserPoolAddOns:\n  AdvancedSecurityMode: ENFORCED',
    terraform: 'user_pool_tier = "PLUS"\nuser_pool_add_ons {\n  advanced_security_mode = "ENFORCED"\n}',
  },
  equivalents: {
    prowler: ['cognito_user_pool_advanced_security_enabled'],
    securityHub: ['Cognito.1'],
  },
  evaluate(pool, ctx) {
    const mode = ctx.value(pool, ['UserPoolAddOns', 'AdvancedSecurityMode']);
    return mode === 'ENFORCED'
      ? pass(`User pool ${pool.id} enforces threat protection.`)
      : fail(`User pool ${pool.id} does not enforce threat protection (${typeof mode === 'string' ? mode : 'OFF'}).`, {
          path: ['UserPoolAddOns'],
        });
  },
};
