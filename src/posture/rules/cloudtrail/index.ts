import type { Rule } from '../../rule.js';
import { cloudtrailAiDataEvents } from './cloudtrail-ai-data-events.js';
import { cloudtrailCloudwatchLogs } from './cloudtrail-cloudwatch-logs.js';
import { cloudtrailKms } from './cloudtrail-kms.js';
import { cloudtrailLogValidation } from './cloudtrail-log-validation.js';
import { cloudtrailMultiRegion } from './cloudtrail-multi-region.js';

/** cloudtrail rules, in evaluation order. */
export const cloudtrailRules: Rule[] = [
  cloudtrailLogValidation,
  cloudtrailMultiRegion,
  cloudtrailKms,
  cloudtrailCloudwatchLogs,
  cloudtrailAiDataEvents,
];
