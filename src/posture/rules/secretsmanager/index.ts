import type { Rule } from '../../rule.js';
import { secretsmanagerSecretCmk } from './secretsmanager-secret-cmk.js';
import { secretsmanagerSecretRotation } from './secretsmanager-secret-rotation.js';

/** secretsmanager rules, in evaluation order. */
export const secretsmanagerRules: Rule[] = [secretsmanagerSecretCmk, secretsmanagerSecretRotation];
