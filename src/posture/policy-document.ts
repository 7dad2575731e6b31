import { asArray } from './values.js';

/** One IAM policy statement, normalised: actions and resources always arrays of strings (intrinsics dropped). */
export interface Statement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions: string[];
  resources: string[];
  principals: unknown;
  condition: Record<string, Record<string, unknown>>;
  /** Index in the Statement array, for positions. */
  index: number;
}

const strings = (v: unknown) => asArray(v).filter((x): x is string => typeof x === 'string');

export function statements(doc: unknown): Statement[] {
  if (!doc || typeof doc !== 'object') return [];
  return asArray((doc as { Statement?: unknown }).Statement).flatMap((s, index) => {
    if (!s || typeof s !== 'object') return [];
    const o = s as Record<string, unknown>;
    return [
      {
        effect: o.Effect === 'Deny' ? 'Deny' : 'Allow',
        actions: strings(o.Action),
        notActions: strings(o.NotAction),
        // A non-string resource (Ref/GetAtt/Sub) names a specific resource, never '*'.
        resources: asArray(o.Resource).map((r) => (typeof r === 'string' ? r : '<ref>')),
        principals: o.Principal,
        condition: (o.Condition && typeof o.Condition === 'object' ? o.Condition : {}) as Statement['condition'],
        index,
      } satisfies Statement,
    ];
  });
}

/** Does an action pattern (`bedrock:*`, `*`, `s3:Get*`) cover every action of a service? */
export function isServiceWildcard(action: string, service: string): boolean {
  const a = action.toLowerCase();
  return a === '*' || a === `${service}:*`;
}

/** Case-insensitive IAM wildcard match of a pattern against a concrete action name. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(action);
}

/** Policy documents inside an IAM role, policy or managed policy resource, with their property paths. */
export function policyDocumentsOf(
  type: string,
  props: Record<string, unknown>,
): { doc: unknown; path: (string | number)[] }[] {
  if (type === 'AWS::IAM::Role' || type === 'AWS::IAM::User' || type === 'AWS::IAM::Group') {
    return asArray(props.Policies).map((p, i) => ({
      doc: (p as { PolicyDocument?: unknown } | undefined)?.PolicyDocument,
      path: ['Policies', i, 'PolicyDocument'],
    }));
  }
  if (type === 'AWS::IAM::Policy' || type === 'AWS::IAM::ManagedPolicy' || type === 'AWS::IAM::RolePolicy') {
    return [{ doc: props.PolicyDocument, path: ['PolicyDocument'] }];
  }
  return [];
}
