import type { Rule } from '../../rule.js';
import {
  accessAnalyzerEnabled,
  configRecorderEnabled,
  detectiveEnabled,
  guardDutyEnabled,
  macieEnabled,
  securityHubEnabled,
} from './account-services.js';
import { guardDutyProtectionPlans } from './guardduty-protection-plans.js';
import { inspectorAiCompute } from './inspector-ai-compute.js';
import { macieTrainingDataJobs } from './macie-training-data-jobs.js';
import { securityHubStandards } from './securityhub-standards.js';

/** Account-level services: checked when declared, otherwise "not evidenced here". */
export const accountRules: Rule[] = [
  guardDutyEnabled,
  guardDutyProtectionPlans,
  securityHubEnabled,
  securityHubStandards,
  macieEnabled,
  macieTrainingDataJobs,
  accessAnalyzerEnabled,
  inspectorAiCompute,
  detectiveEnabled,
  configRecorderEnabled,
];
