import type { Resource } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { asBool, dig, isSet } from '../../values.js';
import { coveringRules } from '../opensearch-security-policies.js';

export interface EncryptionFinding {
  status: 'pass' | 'fail' | 'skip';
  message: string;
}

/**
 * Is an OpenSearch Serverless collection encrypted with a customer managed key? Its own EncryptionConfig decides
 * when set; otherwise the most specific encryption security policy whose rules match the collection name.
 */
export function collectionEncryption(collection: Resource, ctx: RuleContext): EncryptionFinding {
  const own = collection.properties.EncryptionConfig;
  if (own !== undefined) {
    if (isSet(dig(own, ['KmsKeyArn'])) && asBool(dig(own, ['AWSOwnedKey'])) !== true)
      return { status: 'pass', message: `collection ${collection.id} uses a customer managed key` };
    if (asBool(dig(own, ['AWSOwnedKey'])) === true)
      return { status: 'fail', message: `collection ${collection.id} is encrypted with an AWS owned key` };
  }
  const name = ctx.value(collection, ['Name']);
  if (typeof name !== 'string')
    return { status: 'skip', message: `the name of collection ${collection.id} is only known at deploy time` };
  // The same policy lookup as opensearch-serverless-collection-cmk: most specific covering pattern first.
  const [best] = coveringRules(ctx, collection, 'encryption');
  if (!best)
    return {
      status: 'skip',
      message: `no encryption security policy for collection ${name} is declared in the scanned templates`,
    };
  if (best.document.AWSOwnedKey === true || !isSet(best.document.KmsARN))
    return {
      status: 'fail',
      message: `collection ${name} is encrypted with an AWS owned key (encryption policy ${best.policy.id})`,
    };
  return {
    status: 'pass',
    message: `collection ${name} uses a customer managed key (encryption policy ${best.policy.id})`,
  };
}
