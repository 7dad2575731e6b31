import type { Rule } from '../../rule.js';
import { opensearchServerlessAccessPolicyNoWildcard } from './opensearch-serverless-access-policy-no-wildcard.js';
import { opensearchServerlessCollectionCmk } from './opensearch-serverless-collection-cmk.js';
import { opensearchServerlessNetworkNotPublic } from './opensearch-serverless-network-not-public.js';

/** opensearchserverless rules, in evaluation order. */
export const opensearchserverlessRules: Rule[] = [
  opensearchServerlessCollectionCmk,
  opensearchServerlessNetworkNotPublic,
  opensearchServerlessAccessPolicyNoWildcard,
];
