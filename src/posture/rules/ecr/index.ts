import type { Rule } from '../../rule.js';
import { ecrRepositoryCmk } from './ecr-repository-cmk.js';
import { ecrRepositoryImmutableTags } from './ecr-repository-immutable-tags.js';
import { ecrRepositoryNotPublic } from './ecr-repository-not-public.js';
import { ecrRepositoryScanOnPush } from './ecr-repository-scan-on-push.js';

/** ecr rules, in evaluation order. */
export const ecrRules: Rule[] = [
  ecrRepositoryScanOnPush,
  ecrRepositoryImmutableTags,
  ecrRepositoryCmk,
  ecrRepositoryNotPublic,
];
