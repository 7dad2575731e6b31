import type { Rule } from '../../rule.js';
import { snsTopicCmk } from './sns-topic-cmk.js';
import { snsTopicTlsOnly } from './sns-topic-tls-only.js';

/** sns rules, in evaluation order. */
export const snsRules: Rule[] = [snsTopicCmk, snsTopicTlsOnly];
