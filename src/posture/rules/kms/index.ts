import type { Rule } from '../../rule.js';
import { kmsKeyEnabled } from './kms-key-enabled.js';
import { kmsKeyPolicyNoWildcardPrincipal } from './kms-key-policy-no-wildcard-principal.js';
import { kmsKeyRotation } from './kms-key-rotation.js';

/** kms rules, in evaluation order. */
export const kmsRules: Rule[] = [kmsKeyRotation, kmsKeyPolicyNoWildcardPrincipal, kmsKeyEnabled];
