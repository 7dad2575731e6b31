import type { Rule } from '../../rule.js';
import { opensearchDomainAccessPolicyNotPublic } from './opensearch-domain-access-policy-not-public.js';
import { opensearchDomainAuditLogging } from './opensearch-domain-audit-logging.js';
import { opensearchDomainCmk } from './opensearch-domain-cmk.js';
import { opensearchDomainEncryptionAtRest } from './opensearch-domain-encryption-at-rest.js';
import { opensearchDomainHttpsTls12 } from './opensearch-domain-https-tls12.js';
import { opensearchDomainInVpc } from './opensearch-domain-in-vpc.js';
import { opensearchDomainNodeToNode } from './opensearch-domain-node-to-node.js';
import { opensearchDomainZoneAwareness } from './opensearch-domain-zone-awareness.js';

/** opensearch (managed domain) rules, in evaluation order. */
export const opensearchRules: Rule[] = [
  opensearchDomainEncryptionAtRest,
  opensearchDomainCmk,
  opensearchDomainNodeToNode,
  opensearchDomainHttpsTls12,
  opensearchDomainInVpc,
  opensearchDomainAuditLogging,
  opensearchDomainAccessPolicyNotPublic,
  opensearchDomainZoneAwareness,
];
