import type { Rule } from '../../rule.js';
import { shieldAdvancedPublicEndpoints } from './shield-advanced-public-endpoints.js';

/** shield rules, in evaluation order. */
export const shieldRules: Rule[] = [shieldAdvancedPublicEndpoints];
