import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool, isSet } from '../../values.js';
import { valuesAt } from '../deploy-values.js';
import { keyRefAt } from '../kms/key-reference.js';
import { coveringRules } from '../opensearch-security-policies.js';

export const opensearchServerlessCollectionCmk: ResourceRule = {
  kind: 'resource',
  id: 'opensearch-serverless-collection-cmk',
  title: 'OpenSearch Serverless collection is encrypted with a customer managed KMS key',
  severity: 'medium',
  resourceTypes: ['AWS::OpenSearchServerless::Collection'],
  controls: ['dp-vector-store-encryption', 'dp-kms-cmk-at-rest'],
  description:
    'The collection behind a Bedrock knowledge base is encrypted with a customer managed key: either its own EncryptionConfig sets AWSOwnedKey false with a KmsKeyArn, or the encryption security policy that covers it (a Rules[].Resource pattern `collection/<name>` or `collection/<prefix>*`; the most specific pattern wins) sets AWSOwnedKey false with a KmsARN. Patterns and names built with Ref or Sub are compared after resolving parameters. When no policy in the scanned templates covers the collection, the control is reported as not evidenced here.',
  remediation: {
    text: 'Give the collection an encryption security policy with AWSOwnedKey false and KmsARN naming a customer managed key (create it before the collection).',
    cloudformation:
      'EncryptionPolicy:\n  Type: AWS::OpenSearchServerless::SecurityPolicy\n  Properties:\n    Name: kb-encryption\n    Type: encryption\n    Policy: !Sub \'{"Rules":[{"ResourceType":"collection","Resource":["collection/${CollectionName}"]}],"AWSOwnedKey":false,"KmsARN":"${VectorKey.Arn}"}\'',
    terraform:
      'resource "aws_opensearchserverless_security_policy" "encryption" {\n  name = "kb-encryption"\n  type = "encryption"\n  policy = jsonencode({\n    Rules       = [{ ResourceType = "collection", Resource = ["collection/${var.collection_name}"] }]\n    AWSOwnedKey = false\n    KmsARN      = aws_kms_key.vectors.arn\n  })\n}',
  },
  equivalents: {},
  evaluate(col, ctx) {
    if (isSet(col.properties.EncryptionConfig)) {
      const owned = valuesAt(ctx, col, ['EncryptionConfig', 'AWSOwnedKey']).map(asBool);
      if (owned.includes(false) && keyRefAt(ctx, col, ['EncryptionConfig', 'KmsKeyArn']) === 'customer')
        return pass(`Collection ${col.id} is encrypted with a customer managed key (EncryptionConfig).`);
      return fail(`Collection ${col.id} is encrypted with an AWS owned key (EncryptionConfig).`, {
        path: ['EncryptionConfig'],
      });
    }
    const governing = coveringRules(ctx, col, 'encryption')[0];
    if (!governing)
      return {
        status: 'skip',
        message: `No encryption security policy in the scanned templates covers collection ${col.id}; its key is not evidenced here.`,
      };
    const doc = governing.document;
    const via = `encryption policy ${governing.policy.id} (${governing.pattern})`;
    return asBool(doc.AWSOwnedKey) === false && isSet(doc.KmsARN)
      ? pass(`Collection ${col.id} is encrypted with a customer managed key through ${via}.`)
      : fail(`Collection ${col.id} is encrypted with an AWS owned key through ${via}.`, {
          evidence: { policy: governing.policy.id, pattern: governing.pattern },
        });
  },
};
