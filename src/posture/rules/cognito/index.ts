import type { Rule } from '../../rule.js';
import { cognitoIdentityPoolNoUnauth } from './cognito-identity-pool-no-unauth.js';
import { cognitoUserPoolMfa } from './cognito-user-pool-mfa.js';
import { cognitoUserPoolThreatProtection } from './cognito-user-pool-threat-protection.js';

/** cognito rules, in evaluation order. */
export const cognitoRules: Rule[] = [cognitoIdentityPoolNoUnauth, cognitoUserPoolMfa, cognitoUserPoolThreatProtection];
