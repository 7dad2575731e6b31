import type { Resource } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { collectRefs } from '../../sources/intrinsics.js';
import { asArray } from '../../values.js';
import { arnText } from '../iam/managed-policy-arns.js';
import { sameTemplate } from '../kms/branches.js';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});

/** `*` matches any run of characters, as in AWS Backup resource ARNs. */
const glob = (pattern: string, text: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(text);

/** A table's tags as a plain map (string values only). */
function tagsOf(table: Resource): Map<string, string> {
  const tags = new Map<string, string>();
  for (const t of asArray(table.properties.Tags)) {
    const { Key, Value } = rec(t);
    if (typeof Key === 'string' && typeof Value === 'string') tags.set(Key, Value);
  }
  return tags;
}

/** A Resources / NotResources entry that names the table: a reference to it, `*`, or a matching table ARN. */
function namesTable(entry: unknown, table: Resource, tableName: string | undefined): boolean {
  if (collectRefs(entry).has(table.id)) return true;
  // A Sub placeholder (`${Table}` is a reference, caught above; `${AWS::Region}`…) stands for any one value.
  const text = arnText(entry)?.replace(/\$\{[^}]*\}/g, '*');
  if (text === '*') return true;
  const m = text ? /^arn:[^:]*:dynamodb:[^:]*:[^:]*:table\/(.+)$/.exec(text) : null;
  if (!m) return false;
  return m[1] === '*' || (!!tableName && glob(m[1]!, tableName));
}

/** ListOfTags entries (STRINGEQUALS) the table's tags satisfy: any one selects it. */
function tagSelected(selection: Rec, tags: Map<string, string>): boolean {
  return asArray(selection.ListOfTags).some((t) => {
    const { ConditionType, ConditionKey, ConditionValue } = rec(t);
    return (
      String(ConditionType).toUpperCase() === 'STRINGEQUALS' &&
      typeof ConditionKey === 'string' &&
      tags.get(ConditionKey) === ConditionValue
    );
  });
}

/** Conditions.StringEquals (`aws:ResourceTag/key`) narrow a selection: every one must hold. */
function conditionsHold(selection: Rec, tags: Map<string, string>): boolean {
  return asArray(rec(selection.Conditions).StringEquals).every((c) => {
    const { ConditionKey, ConditionValue } = rec(c);
    const key = typeof ConditionKey === 'string' ? ConditionKey.replace(/^aws:ResourceTag\//, '') : undefined;
    return key !== undefined && tags.get(key) === ConditionValue;
  });
}

/**
 * AWS::Backup::BackupSelection resources of the table's template that select it: by reference, by ARN (wildcards
 * included) or by tag, less NotResources, narrowed by StringEquals conditions.
 */
export function backupSelectionsOf(ctx: RuleContext, table: Resource): Resource[] {
  const name = ctx.value(table, ['TableName']);
  const tableName = typeof name === 'string' ? name : undefined;
  const tags = tagsOf(table);
  return sameTemplate(ctx, table, 'AWS::Backup::BackupSelection').filter((s) => {
    const selection = rec(s.properties.BackupSelection);
    const listed = asArray(selection.Resources).some((e) => namesTable(e, table, tableName));
    if (!listed && !tagSelected(selection, tags)) return false;
    if (asArray(selection.NotResources).some((e) => namesTable(e, table, tableName) && arnText(e) !== '*'))
      return false;
    return conditionsHold(selection, tags);
  });
}
