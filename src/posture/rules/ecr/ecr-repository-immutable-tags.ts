import type { ResourceRule } from '../../rule.js';
import { isIntrinsic } from '../../sources/intrinsics.js';
import { decide, settle, valuesAt } from '../deploy-values.js';

/** IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION (every tag but the listed exclusions is immutable). */
const immutable = (v: unknown): boolean | undefined =>
  typeof v === 'string' ? v.startsWith('IMMUTABLE') : v !== undefined && isIntrinsic(v) ? undefined : false;

export const ecrRepositoryImmutableTags: ResourceRule = {
  kind: 'resource',
  id: 'ecr-repository-immutable-tags',
  title: 'ECR repository tags are immutable',
  severity: 'medium',
  resourceTypes: ['AWS::ECR::Repository'],
  controls: ['infra-ecr-immutable-tags-scan-on-push', 'dp-model-artifact-integrity'],
  description:
    'ImageTagMutability is IMMUTABLE, so a tag that an endpoint, training job or agent runtime deploys always names the same image and cannot be silently repointed at a tampered one. IMMUTABLE_WITH_EXCLUSION passes (the excluded tags stay mutable and are listed in the evidence); Checkov CKV_AWS_51 accepts only IMMUTABLE.',
  remediation: {
    text: 'Set ImageTagMutability: IMMUTABLE and deploy by tag or digest.',
    cloudformation: 'ImageTagMutability: IMMUTABLE',
    terraform: 'image_tag_mutability = "IMMUTABLE"',
  },
  equivalents: {
    checkov: ['CKV_AWS_51'],
    prowler: ['ecr_repositories_tag_immutability'],
    securityHub: ['ECR.2'],
  },
  evaluate(repo, ctx) {
    const values = valuesAt(ctx, repo, ['ImageTagMutability']);
    const setting = values.find((v) => typeof v === 'string');
    return settle(
      decide(values, immutable),
      {
        pass: `Repository ${repo.id} has immutable tags${setting === 'IMMUTABLE_WITH_EXCLUSION' ? ' (with exclusions)' : ''}.`,
        fail: `Repository ${repo.id} allows tags to be overwritten (${setting === undefined ? 'MUTABLE by default' : String(setting)}).`,
      },
      { path: repo.properties.ImageTagMutability === undefined ? [] : ['ImageTagMutability'] },
    );
  },
};
