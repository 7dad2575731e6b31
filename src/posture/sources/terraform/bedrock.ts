import { block, clean, generic, many, one, type Shape, shaped, tagList, tagMap } from './convert.js';
import type { TfMapping } from './mapping.js';
import { refIntrinsic } from './substitute.js';

const FIELD_MAPPING: Shape = {
  VectorField: 'vector_field',
  TextField: 'text_field',
  MetadataField: 'metadata_field',
};

const GUARDRAIL: Shape = {
  Name: 'name',
  Description: 'description',
  BlockedInputMessaging: 'blocked_input_messaging',
  BlockedOutputsMessaging: 'blocked_outputs_messaging',
  KmsKeyArn: 'kms_key_arn',
  ContentPolicyConfig: one('content_policy_config', {
    FiltersConfig: many('filters_config', {
      Type: 'type',
      InputStrength: 'input_strength',
      OutputStrength: 'output_strength',
      InputModalities: 'input_modalities',
      OutputModalities: 'output_modalities',
      InputAction: 'input_action',
      OutputAction: 'output_action',
      InputEnabled: 'input_enabled',
      OutputEnabled: 'output_enabled',
    }),
    ContentFiltersTierConfig: one('tier_config', { TierName: 'tier_name' }),
  }),
  ContextualGroundingPolicyConfig: one('contextual_grounding_policy_config', {
    FiltersConfig: many('filters_config', {
      Type: 'type',
      Threshold: 'threshold',
      Action: 'action',
      Enabled: 'enabled',
    }),
  }),
  SensitiveInformationPolicyConfig: one('sensitive_information_policy_config', {
    PiiEntitiesConfig: many('pii_entities_config', {
      Type: 'type',
      Action: 'action',
      InputAction: 'input_action',
      OutputAction: 'output_action',
      InputEnabled: 'input_enabled',
      OutputEnabled: 'output_enabled',
    }),
    RegexesConfig: many('regexes_config', {
      Name: 'name',
      Pattern: 'pattern',
      Action: 'action',
      Description: 'description',
      InputAction: 'input_action',
      OutputAction: 'output_action',
      InputEnabled: 'input_enabled',
      OutputEnabled: 'output_enabled',
    }),
  }),
  TopicPolicyConfig: one('topic_policy_config', {
    TopicsConfig: many('topics_config', { Name: 'name', Definition: 'definition', Examples: 'examples', Type: 'type' }),
    TopicsTierConfig: one('tier_config', { TierName: 'tier_name' }),
  }),
  WordPolicyConfig: one('word_policy_config', {
    WordsConfig: many('words_config', { Text: 'text' }),
    ManagedWordListsConfig: many('managed_word_lists_config', { Type: 'type' }),
  }),
  CrossRegionConfig: one('cross_region_config', { GuardrailProfileArn: 'guardrail_profile_identifier' }),
};

const STORAGE: Shape = {
  Type: 'type',
  OpensearchServerlessConfiguration: one('opensearch_serverless_configuration', {
    CollectionArn: 'collection_arn',
    VectorIndexName: 'vector_index_name',
    FieldMapping: one('field_mapping', FIELD_MAPPING),
  }),
  OpensearchManagedClusterConfiguration: one('opensearch_managed_cluster_configuration', {
    DomainArn: 'domain_arn',
    DomainEndpoint: 'domain_endpoint',
    VectorIndexName: 'vector_index_name',
    FieldMapping: one('field_mapping', FIELD_MAPPING),
  }),
  PineconeConfiguration: one('pinecone_configuration', {
    ConnectionString: 'connection_string',
    CredentialsSecretArn: 'credentials_secret_arn',
    Namespace: 'namespace',
    FieldMapping: one('field_mapping', { TextField: 'text_field', MetadataField: 'metadata_field' }),
  }),
  RdsConfiguration: one('rds_configuration', {
    ResourceArn: 'resource_arn',
    CredentialsSecretArn: 'credentials_secret_arn',
    DatabaseName: 'database_name',
    TableName: 'table_name',
    FieldMapping: one('field_mapping', {
      PrimaryKeyField: 'primary_key_field',
      VectorField: 'vector_field',
      TextField: 'text_field',
      MetadataField: 'metadata_field',
      CustomMetadataField: 'custom_metadata_field',
    }),
  }),
  MongoDbAtlasConfiguration: one('mongo_db_atlas_configuration', {
    Endpoint: 'endpoint',
    CredentialsSecretArn: 'credentials_secret_arn',
    DatabaseName: 'database_name',
    CollectionName: 'collection_name',
    VectorIndexName: 'vector_index_name',
    EndpointServiceName: 'endpoint_service_name',
    FieldMapping: one('field_mapping', FIELD_MAPPING),
  }),
  NeptuneAnalyticsConfiguration: one('neptune_analytics_configuration', {
    GraphArn: 'graph_arn',
    FieldMapping: one('field_mapping', { TextField: 'text_field', MetadataField: 'metadata_field' }),
  }),
  S3VectorsConfiguration: one('s3_vectors_configuration', {
    IndexArn: 'index_arn',
    IndexName: 'index_name',
    VectorBucketArn: 'vector_bucket_arn',
  }),
};

export const bedrockMappings: TfMapping[] = [
  {
    tf: 'aws_bedrockagent_agent',
    cfn: 'AWS::Bedrock::Agent',
    props: (r) =>
      shaped(r.values, {
        AgentName: 'agent_name',
        AgentResourceRoleArn: 'agent_resource_role_arn',
        FoundationModel: 'foundation_model',
        CustomerEncryptionKeyArn: 'customer_encryption_key_arn',
        Description: 'description',
        Instruction: 'instruction',
        IdleSessionTTLInSeconds: 'idle_session_ttl_in_seconds',
        AgentCollaboration: 'agent_collaboration',
        AutoPrepare: 'prepare_agent',
        SkipResourceInUseCheckOnDelete: 'skip_resource_in_use_check',
        GuardrailConfiguration: one('guardrail_configuration', {
          GuardrailIdentifier: 'guardrail_identifier',
          GuardrailVersion: 'guardrail_version',
        }),
        MemoryConfiguration: one('memory_configuration', {
          EnabledMemoryTypes: 'enabled_memory_types',
          StorageDays: 'storage_days',
        }),
        PromptOverrideConfiguration: (s) =>
          clean(
            generic(block(s.prompt_override_configuration), {
              lists: new Set(['prompt_configurations']),
            }),
          ),
        Tags: () => tagMap(r.values),
      }),
  },
  {
    // Knowledge bases and action groups are attached by their own resources in Terraform.
    tf: 'aws_bedrockagent_agent_knowledge_base_association',
    merge: (r, plan) => {
      const agent = plan.link(r, 'agent_id', ['aws_bedrockagent_agent'], ['agent_id', 'id']);
      const kb = plan.link(r, 'knowledge_base_id', ['aws_bedrockagent_knowledge_base'], ['id']);
      const entry = shaped(r.values, {
        KnowledgeBaseId: (s) => (kb ? refIntrinsic({ address: kb.address }) : clean(s.knowledge_base_id)),
        Description: 'description',
        KnowledgeBaseState: 'knowledge_base_state',
      });
      return agent ? [{ parent: agent, props: { KnowledgeBases: [entry] } }] : [];
    },
  },
  {
    tf: 'aws_bedrockagent_agent_action_group',
    merge: (r, plan) => {
      const agent = plan.link(r, 'agent_id', ['aws_bedrockagent_agent'], ['agent_id', 'id']);
      const entry = shaped(r.values, {
        ActionGroupName: 'action_group_name',
        Description: 'description',
        ActionGroupState: 'action_group_state',
        ParentActionGroupSignature: 'parent_action_group_signature',
        ActionGroupExecutor: one('action_group_executor', { Lambda: 'lambda', CustomControl: 'custom_control' }),
      });
      return agent ? [{ parent: agent, props: { ActionGroups: [entry] } }] : [];
    },
  },
  {
    tf: 'aws_bedrock_guardrail',
    cfn: 'AWS::Bedrock::Guardrail',
    props: (r) => shaped(r.values, { ...GUARDRAIL, Tags: () => tagList(r.values) }),
  },
  {
    tf: 'aws_bedrock_guardrail_version',
    cfn: 'AWS::Bedrock::GuardrailVersion',
    props: (r) => shaped(r.values, { GuardrailIdentifier: 'guardrail_arn', Description: 'description' }),
  },
  {
    tf: 'aws_bedrockagent_knowledge_base',
    cfn: 'AWS::Bedrock::KnowledgeBase',
    props: (r) =>
      shaped(r.values, {
        Name: 'name',
        Description: 'description',
        RoleArn: 'role_arn',
        KnowledgeBaseConfiguration: one('knowledge_base_configuration', {
          Type: 'type',
          VectorKnowledgeBaseConfiguration: one('vector_knowledge_base_configuration', {
            EmbeddingModelArn: 'embedding_model_arn',
          }),
          KendraKnowledgeBaseConfiguration: one('kendra_knowledge_base_configuration', {
            KendraIndexArn: 'kendra_index_arn',
          }),
        }),
        StorageConfiguration: one('storage_configuration', STORAGE),
        Tags: () => tagMap(r.values),
      }),
  },
  {
    tf: 'aws_bedrockagent_data_source',
    cfn: 'AWS::Bedrock::DataSource',
    props: (r) =>
      shaped(r.values, {
        Name: 'name',
        Description: 'description',
        KnowledgeBaseId: 'knowledge_base_id',
        DataDeletionPolicy: 'data_deletion_policy',
        DataSourceConfiguration: one('data_source_configuration', {
          Type: 'type',
          S3Configuration: one('s3_configuration', {
            BucketArn: 'bucket_arn',
            BucketOwnerAccountId: 'bucket_owner_account_id',
            InclusionPrefixes: 'inclusion_prefixes',
          }),
        }),
        ServerSideEncryptionConfiguration: one('server_side_encryption_configuration', { KmsKeyArn: 'kms_key_arn' }),
      }),
  },
  {
    tf: 'aws_bedrockagentcore_agent_runtime',
    cfn: 'AWS::BedrockAgentCore::Runtime',
    props: (r) =>
      shaped(r.values, {
        AgentRuntimeName: 'agent_runtime_name',
        Description: 'description',
        RoleArn: 'role_arn',
        EnvironmentVariables: 'environment_variables',
        AgentRuntimeArtifact: one('agent_runtime_artifact', {
          ContainerConfiguration: one('container_configuration', { ContainerUri: 'container_uri' }),
        }),
        NetworkConfiguration: one('network_configuration', {
          NetworkMode: 'network_mode',
          NetworkModeConfig: one('network_mode_config', { SecurityGroups: 'security_groups', Subnets: 'subnets' }),
        }),
        ProtocolConfiguration: (s) => clean(block(s.protocol_configuration)?.server_protocol),
        AuthorizerConfiguration: one('authorizer_configuration', {
          CustomJWTAuthorizer: one('custom_jwt_authorizer', {
            DiscoveryUrl: 'discovery_url',
            AllowedAudience: 'allowed_audience',
            AllowedClients: 'allowed_clients',
            AllowedScopes: 'allowed_scopes',
          }),
        }),
        Tags: () => tagMap(r.values),
      }),
  },
];
