import { describe, expect, it } from 'vitest';
import { asArray, dig } from '../../values.js';
import { refTarget } from '../intrinsics.js';
import { resourcesOf } from './test-fixtures.js';

describe('Bedrock mapping', () => {
  const br = resourcesOf('bedrock.plan.json');

  it('maps an agent with its guardrail, key and role as references', () => {
    const agent = resourcesOf('secure.plan.json')('aws_bedrockagent_agent.support');
    expect(agent.type).toBe('AWS::Bedrock::Agent');
    expect(refTarget(dig(agent.properties, ['GuardrailConfiguration', 'GuardrailIdentifier']))).toBe(
      'aws_bedrock_guardrail.main',
    );
    expect(refTarget(agent.properties.CustomerEncryptionKeyArn)).toBe('aws_kms_key.data');
    expect(refTarget(agent.properties.AgentResourceRoleArn)).toBe('aws_iam_role.agent');
    expect(agent.properties.FoundationModel).toBe('anthropic.claude-3-5-sonnet-20240620-v1:0');
  });

  it('leaves out a guardrail configuration the agent does not have', () => {
    const agent = resourcesOf('insecure.plan.json')('aws_bedrockagent_agent.support');
    expect(agent.properties).not.toHaveProperty('GuardrailConfiguration');
  });

  it('folds knowledge base associations and action groups into the agent', () => {
    const agent = br('aws_bedrockagent_agent.support');
    expect(asArray(agent.properties.KnowledgeBases).map((k) => refTarget(dig(k, ['KnowledgeBaseId'])))).toEqual([
      'aws_bedrockagent_knowledge_base.docs',
    ]);
    expect(dig(agent.properties, ['ActionGroups', 0, 'ActionGroupName'])).toBe('orders');
    expect(refTarget(dig(agent.properties, ['ActionGroups', 0, 'ActionGroupExecutor', 'Lambda']))).toBe(
      'aws_lambda_function.orders',
    );
  });

  it('maps guardrail filters, PII, topics, words and grounding', () => {
    const g = resourcesOf('secure.plan.json')('aws_bedrock_guardrail.main');
    expect(g.type).toBe('AWS::Bedrock::Guardrail');
    expect(dig(g.properties, ['ContentPolicyConfig', 'FiltersConfig', 0])).toEqual({
      Type: 'PROMPT_ATTACK',
      InputStrength: 'HIGH',
      OutputStrength: 'NONE',
    });
    expect(dig(g.properties, ['SensitiveInformationPolicyConfig', 'PiiEntitiesConfig'])).toEqual([
      { Type: 'EMAIL', Action: 'ANONYMIZE' },
    ]);
    expect(
      asArray(dig(g.properties, ['ContextualGroundingPolicyConfig', 'FiltersConfig'])).map((f) => dig(f, ['Type'])),
    ).toEqual(['GROUNDING', 'RELEVANCE']);
    expect(refTarget(g.properties.KmsKeyArn)).toBe('aws_kms_key.data');
    const other = br('aws_bedrock_guardrail.main');
    expect(dig(other.properties, ['TopicPolicyConfig', 'TopicsConfig', 0, 'Type'])).toBe('DENY');
    expect(dig(other.properties, ['WordPolicyConfig', 'ManagedWordListsConfig'])).toEqual([{ Type: 'PROFANITY' }]);
    expect(refTarget(br('aws_bedrock_guardrail_version.v1').properties.GuardrailIdentifier)).toBe(
      'aws_bedrock_guardrail.main',
    );
  });

  it('maps a knowledge base and follows its vector store to the collection', () => {
    const kb = br('aws_bedrockagent_knowledge_base.docs');
    expect(kb.type).toBe('AWS::Bedrock::KnowledgeBase');
    expect(dig(kb.properties, ['StorageConfiguration', 'Type'])).toBe('OPENSEARCH_SERVERLESS');
    expect(
      refTarget(dig(kb.properties, ['StorageConfiguration', 'OpensearchServerlessConfiguration', 'CollectionArn'])),
    ).toBe('aws_opensearchserverless_collection.kb');
    expect(
      dig(kb.properties, ['KnowledgeBaseConfiguration', 'VectorKnowledgeBaseConfiguration', 'EmbeddingModelArn']),
    ).toMatch(/titan-embed/);
    expect(kb.properties.Tags).toEqual({ app: 'support' });
  });

  it('maps a data source to its knowledge base, bucket and deletion policy', () => {
    const ds = br('aws_bedrockagent_data_source.docs');
    expect(ds.type).toBe('AWS::Bedrock::DataSource');
    expect(refTarget(ds.properties.KnowledgeBaseId)).toBe('aws_bedrockagent_knowledge_base.docs');
    expect(ds.properties.DataDeletionPolicy).toBe('RETAIN');
    expect(dig(ds.properties, ['DataSourceConfiguration', 'S3Configuration'])).toEqual({
      BucketArn: 'arn:aws:s3:::acme-kb-documents',
      InclusionPrefixes: ['public/'],
    });
    expect(ds.properties).not.toHaveProperty('ServerSideEncryptionConfiguration');
  });

  it('maps an AgentCore runtime with its network mode and authorizer', () => {
    const rt = br('aws_bedrockagentcore_agent_runtime.mcp');
    expect(rt.type).toBe('AWS::BedrockAgentCore::Runtime');
    expect(rt.properties.NetworkConfiguration).toEqual({
      NetworkMode: 'VPC',
      NetworkModeConfig: { SecurityGroups: ['sg-0abc'], Subnets: ['subnet-0abc', 'subnet-0def'] },
    });
    expect(rt.properties.ProtocolConfiguration).toBe('MCP');
    expect(dig(rt.properties, ['AuthorizerConfiguration', 'CustomJWTAuthorizer', 'AllowedAudience'])).toEqual([
      'tools',
    ]);
  });

  it('keeps types CloudFormation has no resource for under their Terraform type', () => {
    const logging = br('aws_bedrock_model_invocation_logging_configuration.this');
    expect(logging.type).toBe('aws_bedrock_model_invocation_logging_configuration');
    expect(logging.sourceType).toBeUndefined();
    expect(dig(logging.properties, ['logging_config', 0, 's3_config', 0, 'bucket_name'])).toBe('acme-invocation-logs');
  });
});
