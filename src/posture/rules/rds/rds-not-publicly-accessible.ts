import type { Resource } from '../../graph.js';
import type { ResourceRule, RuleContext } from '../../rule.js';
import { isIntrinsic, refTarget } from '../../sources/intrinsics.js';
import { asArray, asBool, isSet } from '../../values.js';
import { decide, settle, valuesAt } from '../deploy-values.js';

/** Where RDS would place the database when PubliclyAccessible is left unset, and whether that makes it public. */
interface Placement {
  publicByDefault: boolean;
  reason: string;
}

function placement(ctx: RuleContext, db: Resource): Placement {
  let holder = db;
  if (!isSet(db.properties.DBSubnetGroupName) && isSet(db.properties.DBClusterIdentifier)) {
    const cluster = ctx.graph.get(db, refTarget(db.properties.DBClusterIdentifier) ?? '');
    // A cluster outside the scan has a subnet group we cannot see: do not guess.
    if (!cluster) return { publicByDefault: false, reason: 'its cluster is not in the scan' };
    holder = cluster;
  }
  const group = holder.properties.DBSubnetGroupName;
  if (!isSet(group) || group === 'default')
    return {
      publicByDefault: true,
      reason: 'no DBSubnetGroupName, so RDS uses the default VPC, whose internet gateway makes it public',
    };
  const groupResource = ctx.graph.get(holder, refTarget(group) ?? '');
  const vpcs = asArray(groupResource?.properties.SubnetIds)
    .map((s) => ctx.graph.get(holder, refTarget(s) ?? ''))
    .map((subnet) => (subnet ? ctx.graph.get(holder, refTarget(subnet.properties.VpcId) ?? '') : undefined))
    .filter((v): v is Resource => v?.type === 'AWS::EC2::VPC');
  const withGateway = vpcs.find((vpc) =>
    ctx.graph
      .referencing(vpc, 'AWS::EC2::VPCGatewayAttachment')
      .some((a) => isSet(a.properties.InternetGatewayId) && refTarget(a.properties.VpcId) === vpc.id),
  );
  return withGateway
    ? { publicByDefault: true, reason: `its subnets are in ${withGateway.id}, which has an internet gateway` }
    : { publicByDefault: false, reason: 'its subnet group is in a VPC without a declared internet gateway' };
}

export const rdsNotPubliclyAccessible: ResourceRule = {
  kind: 'resource',
  id: 'rds-not-publicly-accessible',
  title: 'RDS database is not publicly accessible',
  severity: 'high',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  controls: ['dp-vector-store-not-public', 'net-ai-compute-in-vpc'],
  description:
    'The DB instance (or Multi-AZ DB cluster) holding RAG data or vectors does not get a public endpoint. PubliclyAccessible: true fails; so does leaving it unset when RDS would make the database public by default: without a DBSubnetGroupName (the default VPC has an internet gateway) or with subnets in a VPC that the template attaches to an internet gateway. Checkov CKV_AWS_17 passes an unset value.',
  remediation: {
    text: 'Set PubliclyAccessible: false and place the database in private subnets through a DBSubnetGroupName.',
    cloudformation: 'PubliclyAccessible: false\nDBSubnetGroupName: !Ref PrivateSubnetGroup',
    terraform: 'publicly_accessible  = false\ndb_subnet_group_name = aws_db_subnet_group.private.name',
  },
  equivalents: {
    checkov: ['CKV_AWS_17'],
    cdkNag: ['NIST.800.53.R5-RDSInstancePublicAccess', 'HIPAA.Security-RDSInstancePublicAccess'],
    cfnNag: ['F22'],
    prowler: ['rds_instance_no_public_access'],
    securityHub: ['RDS.2'],
  },
  evaluate(db, ctx) {
    // On clusters the setting exists only for Multi-AZ DB clusters; Aurora exposes (or not) each instance.
    if (
      db.type === 'AWS::RDS::DBCluster' &&
      !isSet(db.properties.DBClusterInstanceClass) &&
      db.properties.PubliclyAccessible === undefined
    )
      return undefined;
    const where = placement(ctx, db);
    const values = valuesAt(ctx, db, ['PubliclyAccessible']);
    const outcome = decide(values, (v) => {
      if (v === undefined || v === null) return !where.publicByDefault;
      const b = asBool(v);
      return b === undefined ? (isIntrinsic(v) ? undefined : false) : !b;
    });
    const explicit = values.some((v) => asBool(v) === true);
    return settle(
      outcome,
      {
        pass: `${db.id} is not publicly accessible.`,
        fail: explicit
          ? `${db.id} sets PubliclyAccessible: true, giving it an internet-resolvable endpoint.`
          : `${db.id} leaves PubliclyAccessible unset with ${where.reason}.`,
      },
      { path: explicit ? ['PubliclyAccessible'] : [], evidence: { publiclyAccessible: explicit ? true : 'default' } },
    );
  },
};
