import type { Rule } from '../../rule.js';
import { sqsQueueCmk } from './sqs-queue-cmk.js';
import { sqsQueueTlsOnly } from './sqs-queue-tls-only.js';

/** sqs rules, in evaluation order. */
export const sqsRules: Rule[] = [sqsQueueCmk, sqsQueueTlsOnly];
