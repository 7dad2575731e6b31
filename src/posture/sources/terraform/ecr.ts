import { one, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import { policyOf } from './policy.js';

const REPOSITORY = ['aws_ecr_repository'];

export const ecrMappings: TfMapping[] = [
  {
    tf: 'aws_ecr_repository',
    cfn: 'AWS::ECR::Repository',
    props: (r) =>
      shaped(r.values, {
        RepositoryName: 'name',
        ImageTagMutability: 'image_tag_mutability',
        ImageScanningConfiguration: one('image_scanning_configuration', { ScanOnPush: 'scan_on_push' }),
        EncryptionConfiguration: one('encryption_configuration', {
          EncryptionType: 'encryption_type',
          KmsKey: 'kms_key',
        }),
        EmptyOnDelete: 'force_delete',
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_ecr_repository_policy',
    merge: (r, plan) => {
      const repo = plan.link(r, 'repository', REPOSITORY, ['id', 'name']);
      return repo ? [{ parent: repo, props: { RepositoryPolicyText: policyOf(plan, r, 'policy') } }] : [];
    },
  },
  {
    tf: 'aws_ecr_lifecycle_policy',
    merge: (r, plan) => {
      const repo = plan.link(r, 'repository', REPOSITORY, ['id', 'name']);
      const text = r.values.policy;
      return repo ? [{ parent: repo, props: { LifecyclePolicy: { LifecyclePolicyText: text } } }] : [];
    },
  },
];
