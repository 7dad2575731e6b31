import { blocks, clean, shaped, tagList } from './convert.js';
import type { Contribution, TfMapping } from './mapping.js';
import type { Plan, TfResource } from './plan.js';
import { policyFrom, policyOf } from './policy.js';
import { isRec, list, type Rec } from './records.js';
import { refIntrinsic } from './substitute.js';
import { exprChild, exprIndex, unknownValue } from './unknown.js';

const ROLE = ['aws_iam_role'];
const USER = ['aws_iam_user'];
const GROUP = ['aws_iam_group'];
const POLICY = ['aws_iam_policy'];
/** Roles, users and groups are named by name (which is also their id) or by ARN. */
const BY_NAME = ['id', 'name', 'arn'];

/** `inline_policy` blocks; placeholders the provider computes for roles without inline policies are skipped. */
function inlinePolicies(r: TfResource, plan: Plan): Rec[] {
  const expr = r.expressions?.inline_policy;
  return blocks(r.values.inline_policy).flatMap((b, i) => {
    const doc = policyFrom(plan, r, b.policy, exprChild(exprIndex(expr, i), 'policy'));
    if (clean(b.name) === undefined && clean(doc) === undefined) return [];
    return [shaped({ ...b, policy: doc }, { PolicyName: 'name', PolicyDocument: 'policy' })];
  });
}

/** An inline policy resource (`aws_iam_role_policy`…) in the shape of a `Policies` entry. */
const policyEntry = (r: TfResource, plan: Plan): Rec =>
  shaped(r.values, { PolicyName: 'name', PolicyDocument: () => policyOf(plan, r, 'policy') });

/** A reference to a principal in the plan, or the name Terraform was given. */
const principalRef = (linked: TfResource | undefined, value: unknown) =>
  linked ? refIntrinsic({ address: linked.address }) : clean(value);

/** The managed policy an attachment names: the plan's `aws_iam_policy` or an AWS managed policy ARN. */
function attachedPolicy(r: TfResource, plan: Plan) {
  const policy = plan.link(r, 'policy_arn', POLICY, ['arn']);
  return { policy, arn: policy ? refIntrinsic({ address: policy.address, attr: 'arn' }) : clean(r.values.policy_arn) };
}

/** `aws_iam_{role,user,group}_policy_attachment`: the parent lists the policy; the plan's policy names the parent. */
function attachment(tf: string, attr: string, parentTypes: string[], policyKey: string): TfMapping {
  return {
    tf,
    merge: (r, plan) => {
      const parent = plan.link(r, attr, parentTypes, BY_NAME);
      const { policy, arn } = attachedPolicy(r, plan);
      const out: Contribution[] = [];
      if (parent && arn !== undefined) out.push({ parent, props: { ManagedPolicyArns: [arn] } });
      // The policy side names the principal rather than referencing it: both references would be a cycle.
      const name = clean(parent?.raw.name) ?? clean(r.raw[attr]) ?? unknownValue();
      if (policy) out.push({ parent: policy, props: { [policyKey]: [name] } });
      return out;
    },
  };
}

/** `aws_iam_{role,user,group}_policy`: folded into the parent's `Policies`, or a standalone AWS::IAM::Policy. */
function inlinePolicy(tf: string, attr: string, parentTypes: string[], listKey: string): TfMapping {
  return {
    tf,
    cfn: 'AWS::IAM::Policy',
    props: (r, plan) => ({
      ...policyEntry(r, plan),
      [listKey]: clean([r.values[attr]].filter((x) => clean(x) !== undefined)),
    }),
    merge: (r, plan) => {
      const parent = plan.link(r, attr, parentTypes, BY_NAME);
      return parent ? [{ parent, props: { Policies: [policyEntry(r, plan)] } }] : [];
    },
  };
}

/** State lists a role's policies both inline and as their own resources: keep one entry per name, the last. */
function dedupe(props: Rec): Rec {
  const policies = list(props.Policies).filter(isRec);
  if (policies.length) {
    const byName = new Map<unknown, Rec>();
    for (const [i, p] of policies.entries()) byName.set(typeof p.PolicyName === 'string' ? p.PolicyName : i, p);
    props.Policies = [...byName.values()];
  }
  const arns = list(props.ManagedPolicyArns);
  if (arns.length) props.ManagedPolicyArns = [...new Map(arns.map((a) => [JSON.stringify(a), a])).values()];
  return props;
}

export const iamMappings: TfMapping[] = [
  {
    tf: 'aws_iam_role',
    cfn: 'AWS::IAM::Role',
    props: (r, plan) =>
      shaped(r.values, {
        RoleName: 'name',
        Description: 'description',
        Path: 'path',
        MaxSessionDuration: 'max_session_duration',
        PermissionsBoundary: 'permissions_boundary',
        AssumeRolePolicyDocument: () => policyOf(plan, r, 'assume_role_policy'),
        Policies: () => clean(inlinePolicies(r, plan)),
        ManagedPolicyArns: 'managed_policy_arns',
        Tags: () => tagList(r.values),
      }),
    finish: dedupe,
  },
  {
    tf: 'aws_iam_user',
    cfn: 'AWS::IAM::User',
    props: (r) =>
      shaped(r.values, {
        UserName: 'name',
        Path: 'path',
        PermissionsBoundary: 'permissions_boundary',
        Tags: () => tagList(r.values),
      }),
    finish: dedupe,
  },
  {
    tf: 'aws_iam_group',
    cfn: 'AWS::IAM::Group',
    props: (r) => shaped(r.values, { GroupName: 'name', Path: 'path' }),
    finish: dedupe,
  },
  {
    tf: 'aws_iam_policy',
    cfn: 'AWS::IAM::ManagedPolicy',
    props: (r, plan) =>
      shaped(r.values, {
        ManagedPolicyName: 'name',
        Path: 'path',
        Description: 'description',
        PolicyDocument: () => policyOf(plan, r, 'policy'),
      }),
  },
  inlinePolicy('aws_iam_role_policy', 'role', ROLE, 'Roles'),
  inlinePolicy('aws_iam_user_policy', 'user', USER, 'Users'),
  inlinePolicy('aws_iam_group_policy', 'group', GROUP, 'Groups'),
  attachment('aws_iam_role_policy_attachment', 'role', ROLE, 'Roles'),
  attachment('aws_iam_user_policy_attachment', 'user', USER, 'Users'),
  attachment('aws_iam_group_policy_attachment', 'group', GROUP, 'Groups'),
  {
    // The exclusive attachment names its principals in lists.
    tf: 'aws_iam_policy_attachment',
    merge: (r, plan) => {
      const { policy, arn } = attachedPolicy(r, plan);
      const out: Contribution[] = [];
      for (const [attr, key] of [
        ['roles', 'Roles'],
        ['users', 'Users'],
        ['groups', 'Groups'],
      ] as const) {
        const types = attr === 'roles' ? ROLE : attr === 'users' ? USER : GROUP;
        const linked = plan.referenced(r, attr).filter((p) => types.includes(p.type));
        if (arn !== undefined) for (const p of linked) out.push({ parent: p, props: { ManagedPolicyArns: [arn] } });
        // Names, not references: the principals already reference the policy.
        const names = clean(r.raw[attr]);
        if (policy && names !== undefined) out.push({ parent: policy, props: { [key]: list(names) } });
      }
      return out;
    },
  },
  {
    tf: 'aws_iam_user_login_profile',
    merge: (r, plan) => {
      const user = plan.link(r, 'user', USER, BY_NAME);
      const profile = shaped(r.values, { PasswordResetRequired: 'password_reset_required' });
      return user ? [{ parent: user, props: { LoginProfile: profile } }] : [];
    },
  },
  {
    tf: 'aws_iam_user_group_membership',
    merge: (r, plan) => {
      const user = plan.link(r, 'user', USER, BY_NAME);
      const groups = clean(r.values.groups);
      return user && groups !== undefined ? [{ parent: user, props: { Groups: list(groups) } }] : [];
    },
  },
  {
    tf: 'aws_iam_access_key',
    cfn: 'AWS::IAM::AccessKey',
    props: (r, plan) =>
      shaped(r.values, {
        UserName: (s) => principalRef(plan.link(r, 'user', USER, BY_NAME), s.user),
        Status: 'status',
      }),
  },
  {
    tf: 'aws_iam_instance_profile',
    cfn: 'AWS::IAM::InstanceProfile',
    props: (r, plan) =>
      shaped(r.values, {
        InstanceProfileName: 'name',
        Path: 'path',
        Roles: (s) => clean([principalRef(plan.link(r, 'role', ROLE, BY_NAME), s.role)].filter((x) => x !== undefined)),
      }),
  },
];
