import { accountMappings } from './account.js';
import { apigatewayMappings } from './apigateway.js';
import { backupMappings } from './backup.js';
import { bedrockMappings } from './bedrock.js';
import { cloudfrontMappings } from './cloudfront.js';
import { cloudtrailMappings } from './cloudtrail.js';
import { dynamodbMappings } from './dynamodb.js';
import { ec2Mappings } from './ec2.js';
import { ec2ComputeMappings } from './ec2-compute.js';
import { ecrMappings } from './ecr.js';
import { efsMappings } from './efs.js';
import { elbMappings } from './elb.js';
import { iamMappings } from './iam.js';
import { kmsMappings } from './kms.js';
import { lambdaMappings } from './lambda.js';
import { logsMappings } from './logs.js';
import type { TfMapping } from './mapping.js';
import { opensearchMappings } from './opensearch.js';
import { rdsMappings } from './rds.js';
import { s3Mappings } from './s3.js';
import { sagemakerMappings } from './sagemaker.js';
import { secretsmanagerMappings } from './secretsmanager.js';
import { snsMappings } from './sns.js';
import { sqsMappings } from './sqs.js';
import { wafMappings } from './waf.js';

/** Every Terraform type Steward normalises, one module per AWS service. */
export const ALL_MAPPINGS: readonly TfMapping[] = [
  ...s3Mappings,
  ...kmsMappings,
  ...iamMappings,
  ...sagemakerMappings,
  ...bedrockMappings,
  ...opensearchMappings,
  ...cloudtrailMappings,
  ...logsMappings,
  ...apigatewayMappings,
  ...wafMappings,
  ...accountMappings,
  ...ec2Mappings,
  ...dynamodbMappings,
  ...rdsMappings,
  ...secretsmanagerMappings,
  ...ecrMappings,
  ...lambdaMappings,
  ...ec2ComputeMappings,
  ...efsMappings,
  ...snsMappings,
  ...sqsMappings,
  ...backupMappings,
  ...elbMappings,
  ...cloudfrontMappings,
];

export const MAPPINGS: ReadonlyMap<string, TfMapping> = new Map(ALL_MAPPINGS.map((m) => [m.tf, m]));
