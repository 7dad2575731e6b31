import type { Rule } from '../rule.js';
import {
  accessAnalyzerEnabled,
  guardDutyEnabled,
  macieEnabled,
  securityHubEnabled,
} from './account/account-services.js';
import { apigwStageWaf } from './apigateway/apigw-stage-waf.js';
import { bedrockAgentGuardrail } from './bedrock/bedrock-agent-guardrail.js';
import { bedrockGuardrailPromptAttack } from './bedrock/bedrock-guardrail-prompt-attack.js';
import { bedrockGuardrailSensitiveInfo } from './bedrock/bedrock-guardrail-sensitive-info.js';
import { cloudtrailKms } from './cloudtrail/cloudtrail-kms.js';
import { cloudtrailLogValidation } from './cloudtrail/cloudtrail-log-validation.js';
import { cloudtrailMultiRegion } from './cloudtrail/cloudtrail-multi-region.js';
import { iamNoWildcardAiActions } from './iam/iam-no-wildcard-ai-actions.js';
import { logsGroupKms, logsGroupRetention } from './logs/logs-group-kms-retention.js';
import { s3BucketKmsEncryption } from './s3/s3-bucket-kms-encryption.js';
import { s3BucketPublicAccessBlock } from './s3/s3-bucket-public-access-block.js';
import { s3BucketTlsOnly } from './s3/s3-bucket-tls-only.js';
import { s3BucketVersioning } from './s3/s3-bucket-versioning.js';
import { sagemakerEndpointConfigKms } from './sagemaker/sagemaker-endpoint-config-kms.js';
import { sagemakerEndpointMultiInstance } from './sagemaker/sagemaker-endpoint-multi-instance.js';
import { sagemakerNotebookKms } from './sagemaker/sagemaker-notebook-kms.js';
import { sagemakerNotebookNoDirectInternet } from './sagemaker/sagemaker-notebook-no-direct-internet.js';
import { sagemakerNotebookNoRoot } from './sagemaker/sagemaker-notebook-no-root.js';
import { sagemakerTrainingIsolation } from './sagemaker/sagemaker-training-isolation.js';

/** Every posture rule, in a fixed order (it is the order of findings per resource). */
export const allRules: Rule[] = [
  s3BucketKmsEncryption,
  s3BucketPublicAccessBlock,
  s3BucketVersioning,
  s3BucketTlsOnly,
  sagemakerNotebookKms,
  sagemakerNotebookNoDirectInternet,
  sagemakerNotebookNoRoot,
  sagemakerEndpointConfigKms,
  sagemakerEndpointMultiInstance,
  sagemakerTrainingIsolation,
  bedrockAgentGuardrail,
  bedrockGuardrailPromptAttack,
  bedrockGuardrailSensitiveInfo,
  iamNoWildcardAiActions,
  cloudtrailLogValidation,
  cloudtrailMultiRegion,
  cloudtrailKms,
  apigwStageWaf,
  logsGroupKms,
  logsGroupRetention,
  guardDutyEnabled,
  securityHubEnabled,
  macieEnabled,
  accessAnalyzerEnabled,
];
