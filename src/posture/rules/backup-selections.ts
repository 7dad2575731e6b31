import type { Resource } from '../graph.js';
import type { RuleContext } from '../rule.js';
import { collectRefs } from '../sources/intrinsics.js';
import { asArray } from '../values.js';
import { sameTemplate } from './deploy-values.js';
import { arnText } from './iam/managed-policy-arns.js';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});

/** `*` matches any run of characters, as in AWS Backup resource ARNs. */
const glob = (pattern: string, text: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(text);

/** How ARNs in a selection name one resource. */
export interface BackupTarget {
  /** Matches the resource's ARNs; group 1 is the name or id part, which may hold `*` wildcards. */
  arn: RegExp;
  /** The resource's name or id when the template fixes it (TableName, DBInstanceIdentifier…). */
  name: string | undefined;
}

/** A resource's tags as a plain map (string values only). */
function tagsOf(r: Resource): Map<string, string> {
  const tags = new Map<string, string>();
  for (const t of asArray(r.properties.Tags)) {
    const { Key, Value } = rec(t);
    if (typeof Key === 'string' && typeof Value === 'string') tags.set(Key, Value);
  }
  // EFS writes its tags as FileSystemTags.
  for (const t of asArray(r.properties.FileSystemTags)) {
    const { Key, Value } = rec(t);
    if (typeof Key === 'string' && typeof Value === 'string') tags.set(Key, Value);
  }
  return tags;
}

/** A Resources / NotResources entry that names the resource: a reference to it, `*`, or a matching ARN. */
function names(entry: unknown, r: Resource, target: BackupTarget): boolean {
  if (collectRefs(entry).has(r.id)) return true;
  // A Sub placeholder (`${Table}` is a reference, caught above; `${AWS::Region}`…) stands for any one value.
  const text = arnText(entry)?.replace(/\$\{[^}]*\}/g, '*');
  if (text === '*') return true;
  const m = text ? target.arn.exec(text) : null;
  if (!m) return false;
  return m[1] === '*' || (!!target.name && glob(m[1]!, target.name));
}

/** ListOfTags entries (STRINGEQUALS) the resource's tags satisfy: any one selects it. */
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
 * AWS::Backup::BackupSelection resources of the resource's template that select it: by reference, by ARN (wildcards
 * included) or by tag, less NotResources, narrowed by StringEquals conditions.
 */
export function backupSelectionsOf(ctx: RuleContext, r: Resource, target: BackupTarget): Resource[] {
  const tags = tagsOf(r);
  return sameTemplate(ctx, r, 'AWS::Backup::BackupSelection').filter((s) => {
    const selection = rec(s.properties.BackupSelection);
    const listed = asArray(selection.Resources).some((e) => names(e, r, target));
    if (!listed && !tagSelected(selection, tags)) return false;
    if (asArray(selection.NotResources).some((e) => names(e, r, target) && arnText(e) !== '*')) return false;
    return conditionsHold(selection, tags);
  });
}
