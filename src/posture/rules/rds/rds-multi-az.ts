import type { Resource } from '../../graph.js';
import { fail, pass, type ResourceRule, type RuleContext } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';
import { isSet } from '../../values.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';
import { clusterManaged, engineOf } from './engine.js';

/** Aurora instances declared in the cluster's template (each one beyond the writer is a failover replica). */
const membersOf = (ctx: RuleContext, cluster: Resource) =>
  ctx.graph
    .referencing(cluster, 'AWS::RDS::DBInstance')
    .filter((i) => refTarget(i.properties.DBClusterIdentifier) === cluster.id);

export const rdsMultiAz: ResourceRule = {
  kind: 'resource',
  id: 'rds-multi-az',
  title: 'RDS instance or Aurora cluster runs in more than one Availability Zone',
  severity: 'low',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  controls: ['infra-multi-az-resilience'],
  description:
    'DB instances set MultiAZ true, so a pgvector store or the database behind a RAG application fails over to a standby in another zone; Multi-AZ DB clusters (DBClusterInstanceClass set) always are. Aurora clusters need at least two DB instances declared for them in the template (a writer and a replica the cluster fails over to); Aurora members themselves, read replicas and Aurora Serverless v1 clusters (which fail over on their own) are not judged. A cluster whose instances are declared elsewhere is not evidenced here.',
  remediation: {
    text: 'Set MultiAZ: true on DB instances; give Aurora clusters a second DB instance (a reader) in another Availability Zone.',
    cloudformation: 'MultiAZ: true',
    terraform: 'multi_az = true',
  },
  equivalents: {
    checkov: ['CKV_AWS_157'],
    cdkNag: ['AwsSolutions-RDS3', 'HIPAA.Security-RDSMultiAZSupport', 'NIST.800.53.R5-RDSMultiAZSupport'],
    prowler: ['rds_instance_multi_az'],
    securityHub: ['RDS.5'],
  },
  evaluate(db, ctx) {
    if (clusterManaged(ctx, db) || isSet(db.properties.SourceDBInstanceIdentifier)) return undefined;
    if (db.type === 'AWS::RDS::DBInstance')
      return settle(
        decide(valuesAt(ctx, db, ['MultiAZ']), boolIs(true, false)),
        {
          pass: `Instance ${db.id} has a standby in another Availability Zone.`,
          fail: `Instance ${db.id} runs in a single Availability Zone (MultiAZ is not true).`,
        },
        { path: db.properties.MultiAZ === undefined ? [] : ['MultiAZ'] },
      );
    if (isSet(db.properties.DBClusterInstanceClass))
      return pass(`Cluster ${db.id} is a Multi-AZ DB cluster (one writer and two readers in three zones).`);
    if (ctx.value(db, ['EngineMode']) === 'serverless')
      return pass(`Cluster ${db.id} is Aurora Serverless v1, which fails over to another zone on its own.`);
    if (!engineOf(ctx, db)?.startsWith('aurora')) return undefined;
    const members = membersOf(ctx, db);
    if (members.length >= 2)
      return pass(`Cluster ${db.id} has ${members.length} instances to fail over between (${members[0]!.id}, …).`);
    if (members.length === 0)
      return {
        status: 'skip',
        message: `No DB instance of cluster ${db.id} is declared in this template, so its replicas are not evidenced here.`,
      };
    return fail(`Cluster ${db.id} has a single instance (${members[0]!.id}): no replica to fail over to.`);
  },
};
