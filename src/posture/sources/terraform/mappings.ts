import { accountMappings } from './account.js';
import { apigatewayMappings } from './apigateway.js';
import { bedrockMappings } from './bedrock.js';
import { cloudtrailMappings } from './cloudtrail.js';
import { dynamodbMappings } from './dynamodb.js';
import { ec2Mappings } from './ec2.js';
import { ecrMappings } from './ecr.js';
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
];

export const MAPPINGS: ReadonlyMap<string, TfMapping> = new Map(ALL_MAPPINGS.map((m) => [m.tf, m]));
