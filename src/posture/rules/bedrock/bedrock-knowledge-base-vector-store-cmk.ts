import type { Resource } from '../../graph.js';
import type { ResourceRule, RuleContext, Verdict } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';
import { asBool, dig, isSet } from '../../values.js';
import { collectionEncryption, type EncryptionFinding } from './opensearch-serverless-encryption.js';

type Path = string[];

/** For each vector store type: where the store reference lives, which resource type it names, and how to judge it. */
const STORES: Record<
  string,
  { ref: Path; type: string; judge: (store: Resource, ctx: RuleContext) => EncryptionFinding }
> = {
  OPENSEARCH_SERVERLESS: {
    ref: ['OpensearchServerlessConfiguration', 'CollectionArn'],
    type: 'AWS::OpenSearchServerless::Collection',
    judge: (c, ctx) => collectionEncryption(c, ctx),
  },
  RDS: {
    ref: ['RdsConfiguration', 'ResourceArn'],
    type: 'AWS::RDS::DBCluster',
    judge: (db) =>
      asBool(db.properties.StorageEncrypted) !== true
        ? { status: 'fail', message: `Aurora cluster ${db.id} does not set StorageEncrypted` }
        : isSet(db.properties.KmsKeyId)
          ? { status: 'pass', message: `Aurora cluster ${db.id} is encrypted with a customer managed key` }
          : { status: 'fail', message: `Aurora cluster ${db.id} is encrypted with the AWS managed key, not a CMK` },
  },
  OPENSEARCH_MANAGED_CLUSTER: {
    ref: ['OpensearchManagedClusterConfiguration', 'DomainArn'],
    type: 'AWS::OpenSearchService::Domain',
    judge: (d) =>
      asBool(dig(d.properties, ['EncryptionAtRestOptions', 'Enabled'])) !== true
        ? { status: 'fail', message: `OpenSearch domain ${d.id} does not enable encryption at rest` }
        : isSet(dig(d.properties, ['EncryptionAtRestOptions', 'KmsKeyId']))
          ? { status: 'pass', message: `OpenSearch domain ${d.id} is encrypted with a customer managed key` }
          : { status: 'fail', message: `OpenSearch domain ${d.id} is encrypted with the AWS managed key, not a CMK` },
  },
  NEPTUNE_ANALYTICS: {
    ref: ['NeptuneAnalyticsConfiguration', 'GraphArn'],
    type: 'AWS::NeptuneGraph::Graph',
    judge: (g) =>
      isSet(g.properties.KmsKeyIdentifier)
        ? { status: 'pass', message: `Neptune Analytics graph ${g.id} is encrypted with a customer managed key` }
        : { status: 'fail', message: `Neptune Analytics graph ${g.id} has no KmsKeyIdentifier (AWS owned key)` },
  },
  S3_VECTORS: {
    ref: ['S3VectorsConfiguration', 'VectorBucketArn'],
    type: 'AWS::S3Vectors::VectorBucket',
    judge: (b) =>
      dig(b.properties, ['EncryptionConfiguration', 'SseType']) === 'aws:kms' &&
      isSet(dig(b.properties, ['EncryptionConfiguration', 'KmsKeyArn']))
        ? { status: 'pass', message: `vector bucket ${b.id} is encrypted with a customer managed key` }
        : { status: 'fail', message: `vector bucket ${b.id} does not use SSE-KMS with a customer managed key` },
  },
};

/** Stores run by third parties: their encryption is configured with the provider, not in AWS templates. */
const EXTERNAL = new Set(['PINECONE', 'MONGO_DB_ATLAS', 'REDIS_ENTERPRISE_CLOUD']);

export const bedrockKnowledgeBaseVectorStoreCmk: ResourceRule = {
  kind: 'resource',
  id: 'bedrock-knowledge-base-vector-store-cmk',
  title: 'Bedrock knowledge base vector store is encrypted with a customer managed key',
  severity: 'high',
  resourceTypes: ['AWS::Bedrock::KnowledgeBase'],
  controls: ['dp-vector-store-encryption', 'dp-kms-cmk-at-rest'],
  description:
    'The vector store named in StorageConfiguration, which holds the text chunks of every ingested document, is encrypted with a customer managed key. Steward follows the reference into the scanned templates: an OpenSearch Serverless collection (its EncryptionConfig, else the most specific `encryption` security policy matching its name, which must not use an AWS owned key), an Aurora cluster (StorageEncrypted with KmsKeyId), an OpenSearch Service domain (encryption at rest with KmsKeyId), a Neptune Analytics graph (KmsKeyIdentifier) or an S3 vector bucket (SSE-KMS with KmsKeyArn). Stores declared elsewhere and third-party stores (Pinecone, MongoDB Atlas, Redis Enterprise Cloud) are reported as not evidenced here.',
  remediation: {
    text: 'Encrypt the vector store with a customer managed key; for OpenSearch Serverless, an encryption security policy with AWSOwnedKey false and KmsARN.',
    cloudformation:
      'KbVectorEncryptionPolicy:\n  Type: AWS::OpenSearchServerless::SecurityPolicy\n  Properties:\n    Name: kb-encryption\n    Type: encryption\n    Policy: !Sub \'{"Rules":[{"ResourceType":"collection","Resource":["collection/kb"]}],"AWSOwnedKey":false,"KmsARN":"${VectorKey.Arn}"}\'',
    terraform:
      'resource "aws_opensearchserverless_security_policy" "kb" {\n  name = "kb-encryption"\n  type = "encryption"\n  policy = jsonencode({\n    Rules       = [{ ResourceType = "collection", Resource = ["collection/kb"] }]\n    AWSOwnedKey = false\n    KmsARN      = aws_kms_key.vectors.arn\n  })\n}',
  },
  equivalents: {},
  evaluate(kb, ctx): Verdict | undefined {
    const storage = kb.properties.StorageConfiguration;
    if (storage === undefined) return undefined;
    const type = ctx.value(kb, ['StorageConfiguration', 'Type']);
    const label = typeof type === 'string' ? type : 'unknown';
    if (EXTERNAL.has(label))
      return {
        status: 'skip',
        message: `Knowledge base ${kb.id} uses a ${label} vector store; its encryption at rest is set with the provider and is not evidenced here (control dp-vector-store-encryption).`,
      };
    const spec = STORES[label];
    if (!spec)
      return {
        status: 'skip',
        message: `Knowledge base ${kb.id}: vector store type ${label} is not checked by Steward.`,
      };
    const path = ['StorageConfiguration', ...spec.ref];
    const target = refTarget(dig(kb.properties, path));
    const store = target ? ctx.graph.get(kb, target) : undefined;
    if (!store || store.type !== spec.type)
      return {
        status: 'skip',
        message: `Knowledge base ${kb.id}: its ${label} vector store is not declared in the scanned templates, so its encryption is not evidenced here.`,
        path,
      };
    const r = spec.judge(store, ctx);
    const message = `Knowledge base ${kb.id}: ${r.message}.`;
    return r.status === 'skip' ? { status: 'skip', message, path } : { status: r.status, message, path };
  },
};
