import type { Rule } from '../rule.js';
import { accountRules } from './account/index.js';
import { agentcoreRules } from './agentcore/index.js';
import { apigatewayRules } from './apigateway/index.js';
import { backupRules } from './backup/index.js';
import { bedrockRules } from './bedrock/index.js';
import { cloudfrontRules } from './cloudfront/index.js';
import { cloudtrailRules } from './cloudtrail/index.js';
import { cloudwatchRules } from './cloudwatch/index.js';
import { cognitoRules } from './cognito/index.js';
import { dynamodbRules } from './dynamodb/index.js';
import { ec2Rules } from './ec2/index.js';
import { ecrRules } from './ecr/index.js';
import { efsRules } from './efs/index.js';
import { elbRules } from './elb/index.js';
import { eventsRules } from './events/index.js';
import { iamRules } from './iam/index.js';
import { kmsRules } from './kms/index.js';
import { lambdaRules } from './lambda/index.js';
import { logsRules } from './logs/index.js';
import { opensearchRules } from './opensearch/index.js';
import { opensearchserverlessRules } from './opensearchserverless/index.js';
import { rdsRules } from './rds/index.js';
import { s3Rules } from './s3/index.js';
import { sagemakerRules } from './sagemaker/index.js';
import { secretsmanagerRules } from './secretsmanager/index.js';
import { shieldRules } from './shield/index.js';
import { snsRules } from './sns/index.js';
import { sqsRules } from './sqs/index.js';
import { wafRules } from './waf/index.js';

/**
 * Every posture rule, in a fixed order (the order of findings per resource). Each service family keeps its own
 * index, so adding a rule touches only its family's folder.
 */
export const allRules: Rule[] = [
  ...s3Rules,
  ...sagemakerRules,
  ...bedrockRules,
  ...agentcoreRules,
  ...iamRules,
  ...cloudtrailRules,
  ...apigatewayRules,
  ...logsRules,
  ...kmsRules,
  ...dynamodbRules,
  ...rdsRules,
  ...opensearchRules,
  ...opensearchserverlessRules,
  ...secretsmanagerRules,
  ...ecrRules,
  ...backupRules,
  ...lambdaRules,
  ...snsRules,
  ...sqsRules,
  ...ec2Rules,
  ...elbRules,
  ...cloudfrontRules,
  ...wafRules,
  ...shieldRules,
  ...cognitoRules,
  ...eventsRules,
  ...cloudwatchRules,
  ...accountRules,
  ...efsRules,
];
