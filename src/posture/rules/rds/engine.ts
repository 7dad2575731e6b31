import type { Resource } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { asString, isSet } from '../../values.js';

/** The engine name in lower case, or undefined when it is not a literal (or a parameter with a default). */
export function engineOf(ctx: RuleContext, db: Resource): string | undefined {
  return asString(ctx.value(db, ['Engine']))?.toLowerCase();
}

/**
 * True when storage, backups, deletion protection and IAM auth of a DB instance are settings of its cluster: Aurora
 * instances and any instance that joins a DBCluster.
 */
export function clusterManaged(ctx: RuleContext, db: Resource): boolean {
  if (db.type !== 'AWS::RDS::DBInstance') return false;
  return isSet(db.properties.DBClusterIdentifier) || (engineOf(ctx, db)?.startsWith('aurora') ?? false);
}

/** Instances and clusters restored from a snapshot or created from a source inherit storage encryption from it. */
export function inheritsStorage(db: Resource): boolean {
  const p = db.properties;
  return db.type === 'AWS::RDS::DBInstance'
    ? isSet(p.SourceDBInstanceIdentifier) || isSet(p.DBSnapshotIdentifier) || isSet(p.DBClusterSnapshotIdentifier)
    : isSet(p.SnapshotIdentifier) || isSet(p.SourceDBClusterIdentifier);
}
