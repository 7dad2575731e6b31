import type { Rule } from '../../rule.js';
import { iamNoWildcardAiActions } from './iam-no-wildcard-ai-actions.js';

/** iam rules, in evaluation order. */
export const iamRules: Rule[] = [iamNoWildcardAiActions];
