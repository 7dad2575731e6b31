import { fail, pass, type ResourceRule } from '../../rule.js';
import { dig, isSet } from '../../values.js';

export const bedrockDataSourceCmk: ResourceRule = {
  kind: 'resource',
  id: 'bedrock-data-source-cmk',
  title: 'Bedrock knowledge base data source is encrypted with a customer managed key',
  severity: 'medium',
  resourceTypes: ['AWS::Bedrock::DataSource'],
  controls: ['dp-kms-cmk-at-rest', 'dp-vector-store-encryption'],
  description:
    'ServerSideEncryptionConfiguration.KmsKeyArn names a customer managed key, so the documents Bedrock stages while chunking and embedding the data source are encrypted with a key the team controls instead of an AWS owned key.',
  remediation: {
    text: 'Set ServerSideEncryptionConfiguration.KmsKeyArn on the data source.',
    cloudformation: 'ServerSideEncryptionConfiguration:\n  KmsKeyArn: !GetAtt KnowledgeBaseKey.Arn',
    terraform: 'server_side_encryption_configuration {\n  kms_key_arn = aws_kms_key.kb.arn\n}',
  },
  equivalents: { prowler: ['bedrock_knowledge_base_encrypted_with_cmk'] },
  evaluate(ds) {
    return isSet(dig(ds.properties, ['ServerSideEncryptionConfiguration', 'KmsKeyArn']))
      ? pass(`Data source ${ds.id} is encrypted with a customer managed key.`)
      : fail(
          `Data source ${ds.id} has no ServerSideEncryptionConfiguration.KmsKeyArn; ingestion data uses an AWS owned key.`,
          {
            path:
              ds.properties.ServerSideEncryptionConfiguration === undefined
                ? []
                : ['ServerSideEncryptionConfiguration'],
          },
        );
  },
};
