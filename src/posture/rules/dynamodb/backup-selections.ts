import type { Resource } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { backupSelectionsOf as selectionsOf } from '../backup-selections.js';

const TABLE_ARN = /^arn:[^:]*:dynamodb:[^:]*:[^:]*:table\/(.+)$/;

/** AWS::Backup::BackupSelection resources of the table's template that select it (see rules/backup-selections.ts). */
export function backupSelectionsOf(ctx: RuleContext, table: Resource): Resource[] {
  const name = ctx.value(table, ['TableName']);
  return selectionsOf(ctx, table, { arn: TABLE_ARN, name: typeof name === 'string' ? name : undefined });
}
