import type { Rule } from '../../rule.js';
import { eventsFindingsAutomatedResponse } from './events-findings-automated-response.js';

/** events (EventBridge) rules, in evaluation order. */
export const eventsRules: Rule[] = [eventsFindingsAutomatedResponse];
