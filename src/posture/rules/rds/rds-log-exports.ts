import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray } from '../../values.js';
import { clusterManaged, engineOf } from './engine.js';

/**
 * Log types that carry who ran what and what failed, per engine family: pgaudit writes to the postgresql log, the
 * MariaDB audit plugin to audit. General and slow-query logs are left out: they are volume, not evidence.
 */
function neededLogs(engine: string): string[] | undefined {
  if (engine.includes('postgres')) return ['postgresql'];
  if (engine.includes('mysql') || engine.includes('mariadb') || engine === 'aurora') return ['audit', 'error'];
  if (engine.startsWith('oracle')) return ['audit', 'alert'];
  if (engine.startsWith('sqlserver')) return ['error', 'agent'];
  return undefined;
}

export const rdsLogExports: ResourceRule = {
  kind: 'resource',
  id: 'rds-log-exports',
  title: 'RDS instance or Aurora cluster exports its audit and error logs to CloudWatch Logs',
  severity: 'medium',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  controls: ['tdr-vector-store-audit-logging'],
  description:
    'EnableCloudwatchLogsExports includes the logs that record access to the data: postgresql for PostgreSQL and Aurora PostgreSQL (where pgaudit writes, so reads of a pgvector store are recorded), audit and error for MySQL, MariaDB and Aurora MySQL, audit and alert for Oracle, error and agent for SQL Server. Aurora instances are judged on their cluster; engines given only at deploy time are not judged.',
  remediation: {
    text: 'Export the engine audit and error logs to CloudWatch Logs (and load pgaudit through the parameter group for PostgreSQL).',
    cloudformation: 'EnableCloudwatchLogsExports:\n  - postgresql',
    terraform: 'enabled_cloudwatch_logs_exports = ["postgresql"]',
  },
  equivalents: {
    cdkNag: ['HIPAA.Security-RDSLoggingEnabled', 'NIST.800.53.R5-RDSLoggingEnabled'],
  },
  evaluate(db, ctx) {
    if (clusterManaged(ctx, db)) return undefined;
    const engine = engineOf(ctx, db);
    const needed = engine ? neededLogs(engine) : undefined;
    if (!needed) return undefined;
    const exported = new Set(asArray(ctx.value(db, ['EnableCloudwatchLogsExports'])).map(String));
    const missing = needed.filter((l) => !exported.has(l));
    if (!missing.length) return pass(`${db.id} exports its ${needed.join(' and ')} logs.`);
    return fail(`${db.id} (${engine}) does not export its ${missing.join(' and ')} log(s) to CloudWatch Logs.`, {
      path: db.properties.EnableCloudwatchLogsExports === undefined ? [] : ['EnableCloudwatchLogsExports'],
      evidence: { missing },
    });
  },
};
