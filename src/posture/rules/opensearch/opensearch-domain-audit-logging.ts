import type { ResourceRule } from '../../rule.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';
import { DOMAIN_TYPES } from './domain-types.js';

export const opensearchDomainAuditLogging: ResourceRule = {
  kind: 'resource',
  id: 'opensearch-domain-audit-logging',
  title: 'OpenSearch domain publishes audit logs',
  severity: 'medium',
  resourceTypes: DOMAIN_TYPES,
  controls: ['tdr-vector-store-audit-logging'],
  description:
    'LogPublishingOptions.AUDIT_LOGS is enabled, so who searched, read or changed which index of the vector store is recorded in CloudWatch Logs. Audit logs need fine-grained access control (AdvancedSecurityOptions) on the domain.',
  remediation: {
    text: 'Enable fine-grained access control and set LogPublishingOptions.AUDIT_LOGS with Enabled: true and a CloudWatchLogsLogGroupArn.',
    cloudformation:
      'LogPublishingOptions:\n  AUDIT_LOGS:\n    Enabled: true\n    CloudWatchLogsLogGroupArn: !GetAtt SearchAuditLogs.Arn',
    terraform:
      'log_publishing_options {\n  log_type                 = "AUDIT_LOGS"\n  cloudwatch_log_group_arn = aws_cloudwatch_log_group.search_audit.arn\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_317'],
    prowler: ['opensearch_service_domains_audit_logging_enabled'],
    securityHub: ['OpenSearch.5', 'ES.5'],
  },
  evaluate(d, ctx) {
    return settle(
      decide(valuesAt(ctx, d, ['LogPublishingOptions', 'AUDIT_LOGS', 'Enabled']), boolIs(true, false)),
      {
        pass: `Domain ${d.id} publishes audit logs.`,
        fail: `Domain ${d.id} does not publish audit logs; access to its indexes leaves no trail.`,
      },
      { path: d.properties.LogPublishingOptions ? ['LogPublishingOptions'] : [] },
    );
  },
};
