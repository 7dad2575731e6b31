import type { Rule } from '../../rule.js';
import { cloudwatchAiAlarms } from './cloudwatch-ai-alarms.js';
import { cloudwatchAlarmActions } from './cloudwatch-alarm-actions.js';

/** cloudwatch rules, in evaluation order. */
export const cloudwatchRules: Rule[] = [cloudwatchAiAlarms, cloudwatchAlarmActions];
