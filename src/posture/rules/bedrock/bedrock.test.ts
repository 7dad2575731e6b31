import { describe, expect, it } from 'vitest';
import { runRules, verdicts } from '../../test-helpers.js';
import { bedrockAgentCmk } from './bedrock-agent-cmk.js';
import { bedrockAgentGuardrailVersionPinned } from './bedrock-agent-guardrail-version-pinned.js';
import { bedrockAgentRoleNotShared } from './bedrock-agent-role-not-shared.js';
import { bedrockCustomModelCmk } from './bedrock-custom-model-cmk.js';
import { bedrockDataSourceCmk } from './bedrock-data-source-cmk.js';
import { bedrockDataSourceDeletionPolicy } from './bedrock-data-source-deletion-policy.js';
import { bedrockGuardrailCmk } from './bedrock-guardrail-cmk.js';
import { bedrockGuardrailContextualGrounding } from './bedrock-guardrail-contextual-grounding.js';
import { bedrockGuardrailDeniedTopics } from './bedrock-guardrail-denied-topics.js';
import { bedrockInvocationLogEncrypted } from './bedrock-invocation-log-encrypted.js';
import { bedrockInvocationLoggingEnabled } from './bedrock-invocation-logging-enabled.js';
import { bedrockKnowledgeBaseVectorStoreCmk } from './bedrock-knowledge-base-vector-store-cmk.js';
import { bedrockPromptFlowCmk } from './bedrock-prompt-flow-cmk.js';
import { field } from './fields.js';
import { bedrockRules } from './index.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;

describe('bedrock family', () => {
  it('registers every rule once', () => {
    const ids = bedrockRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['bedrock-agent-cmk', 'bedrock-invocation-logging-enabled']));
  });
  it('field() reads any spelling and unwraps Terraform blocks', () => {
    expect(field({ logging_config: [{ a: 1 }] }, 'loggingConfig')).toEqual({ a: 1 });
    expect(field({ LoggingConfig: 'x' }, 'loggingConfig')).toBe('x');
    expect(field({ other: 1 }, 'loggingConfig')).toBeUndefined();
    expect(field('text', 'loggingConfig')).toBeUndefined();
  });
});

describe('agent rules', () => {
  const agents = tpl(
    `  Locked:
    Type: AWS::Bedrock::Agent
    Properties:
      AgentName: a
      AgentResourceRoleArn: !GetAtt OwnRole.Arn
      CustomerEncryptionKeyArn: !GetAtt AgentKey.Arn
      GuardrailConfiguration: { GuardrailIdentifier: !GetAtt G.GuardrailId, GuardrailVersion: !GetAtt GV.Version }
  Draft:
    Type: AWS::Bedrock::Agent
    Properties:
      AgentName: b
      AgentResourceRoleArn: !GetAtt SharedRole.Arn
      GuardrailConfiguration: { GuardrailIdentifier: g, GuardrailVersion: draft }
  Unversioned:
    Type: AWS::Bedrock::Agent
    Properties:
      AgentName: c
      AgentResourceRoleArn: !GetAtt SharedRole.Arn
      GuardrailConfiguration: { GuardrailIdentifier: g }
  FromParam:
    Type: AWS::Bedrock::Agent
    Properties:
      AgentName: d
      CustomerEncryptionKeyArn: ""
      GuardrailConfiguration: { GuardrailIdentifier: g, GuardrailVersion: !Ref Version }
  NoGuardrail:
    Type: AWS::Bedrock::Agent
    Properties: { AgentName: e }
  OwnRole:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: {} }
  SharedRole:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: {} }
  UnusedRole:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: {} }
`,
    'Parameters:\n  Version: { Type: String, Default: "3" }\n',
  );
  it('bedrock-agent-cmk (empty string is not a key)', () =>
    expect(verdicts(agents, bedrockAgentCmk)).toEqual([
      'pass Locked',
      'fail Draft',
      'fail Unversioned',
      'fail FromParam',
      'fail NoGuardrail',
    ]));
  it('bedrock-agent-guardrail-version-pinned rejects DRAFT in any case and a missing version', () =>
    expect(verdicts(agents, bedrockAgentGuardrailVersionPinned)).toEqual([
      'pass Locked',
      'fail Draft',
      'fail Unversioned',
      'pass FromParam',
    ]));
  it('bedrock-agent-role-not-shared follows AgentResourceRoleArn', () => {
    expect(verdicts(agents, bedrockAgentRoleNotShared)).toEqual(['pass OwnRole', 'fail SharedRole']);
    const f = runRules(agents, [bedrockAgentRoleNotShared]).find((x) => x.status === 'fail')!;
    expect(f.evidence?.agents).toEqual(['Draft', 'Unversioned']);
  });
});

describe('guardrail rules', () => {
  const g = (id: string, props: string) => `  ${id}:
    Type: AWS::Bedrock::Guardrail
    Properties:
      Name: ${id.toLowerCase()}
      BlockedInputMessaging: no
      BlockedOutputsMessaging: no
${props}`;
  const t = tpl(
    g(
      'Full',
      `      KmsKeyArn: !GetAtt Key.Arn
      TopicPolicyConfig:
        TopicsConfig: [{ Name: advice, Type: DENY, Definition: Investment advice }]
      ContextualGroundingPolicyConfig:
        FiltersConfig:
          - { Type: GROUNDING, Threshold: 0.8, Action: BLOCK, Enabled: "true" }
          - { Type: RELEVANCE, Threshold: 0.7 }
`,
    ) +
      g(
        'DetectOnly',
        `      ContextualGroundingPolicyConfig:
        FiltersConfig:
          - { Type: GROUNDING, Threshold: 0.8, Action: NONE }
          - { Type: RELEVANCE, Threshold: 0.7, Enabled: false }
`,
      ) +
      g(
        'ZeroThreshold',
        `      TopicPolicyConfig: { TopicsConfig: [] }
      ContextualGroundingPolicyConfig:
        FiltersConfig:
          - { Type: GROUNDING, Threshold: 0 }
`,
      ) +
      g('Bare', ''),
  );
  it('bedrock-guardrail-contextual-grounding needs both filters, enabled and blocking', () => {
    expect(verdicts(t, bedrockGuardrailContextualGrounding)).toEqual([
      'pass Full',
      'fail DetectOnly',
      'fail ZeroThreshold',
      'fail Bare',
    ]);
    const gaps = (id: string) =>
      runRules(t, [bedrockGuardrailContextualGrounding]).find((x) => x.resource.id === id)!.evidence?.gaps;
    expect(gaps('DetectOnly')).toEqual(['GROUNDING filter only reports (Action NONE)', 'RELEVANCE filter is disabled']);
    expect(gaps('ZeroThreshold')).toEqual([
      'GROUNDING filter has threshold 0, which never triggers',
      'no RELEVANCE filter',
    ]);
  });
  it('bedrock-guardrail-denied-topics', () =>
    expect(verdicts(t, bedrockGuardrailDeniedTopics)).toEqual([
      'pass Full',
      'fail DetectOnly',
      'fail ZeroThreshold',
      'fail Bare',
    ]));
  it('bedrock-guardrail-cmk', () =>
    expect(verdicts(t, bedrockGuardrailCmk)).toEqual([
      'pass Full',
      'fail DetectOnly',
      'fail ZeroThreshold',
      'fail Bare',
    ]));
});

describe('knowledge base rules', () => {
  it('bedrock-data-source-cmk and bedrock-data-source-deletion-policy', () => {
    const t = tpl(
      `  Encrypted:
    Type: AWS::Bedrock::DataSource
    Properties:
      Name: a
      KnowledgeBaseId: kb
      DataDeletionPolicy: DELETE
      DataSourceConfiguration: { Type: S3, S3Configuration: { BucketArn: b } }
      ServerSideEncryptionConfiguration: { KmsKeyArn: !GetAtt Key.Arn }
  Retained:
    Type: AWS::Bedrock::DataSource
    Properties:
      Name: b
      KnowledgeBaseId: kb
      DataDeletionPolicy: !Ref Deletion
      DataSourceConfiguration: { Type: S3, S3Configuration: { BucketArn: b } }
      ServerSideEncryptionConfiguration: {}
  Defaults:
    Type: AWS::Bedrock::DataSource
    Properties:
      Name: c
      KnowledgeBaseId: kb
      DataSourceConfiguration: { Type: S3, S3Configuration: { BucketArn: b } }
`,
      'Parameters:\n  Deletion: { Type: String, Default: RETAIN }\n',
    );
    expect(verdicts(t, bedrockDataSourceCmk)).toEqual(['pass Encrypted', 'fail Retained', 'fail Defaults']);
    expect(verdicts(t, bedrockDataSourceDeletionPolicy)).toEqual(['pass Encrypted', 'fail Retained', 'pass Defaults']);
  });

  const kb = (id: string, storage: string) => `  ${id}:
    Type: AWS::Bedrock::KnowledgeBase
    Properties:
      Name: ${id.toLowerCase()}
      RoleArn: r
      KnowledgeBaseConfiguration: { Type: VECTOR, VectorKnowledgeBaseConfiguration: { EmbeddingModelArn: m } }
      StorageConfiguration:
${storage}`;
  const oss = (collection: string) =>
    `        Type: OPENSEARCH_SERVERLESS
        OpensearchServerlessConfiguration: { CollectionArn: !GetAtt ${collection}.Arn, VectorIndexName: i, FieldMapping: { VectorField: v, TextField: t, MetadataField: m } }
`;
  const policy = (id: string, pattern: string, key: string) => `  ${id}:
    Type: AWS::OpenSearchServerless::SecurityPolicy
    Properties:
      Name: ${id.toLowerCase()}
      Type: encryption
      Policy: !Sub '{"Rules":[{"ResourceType":"collection","Resource":["collection/${pattern}"]}],${key}}'
`;
  const collection = (id: string, name: string, extra = '') => `  ${id}:
    Type: AWS::OpenSearchServerless::Collection
    Properties: { Name: ${name}, Type: VECTORSEARCH${extra} }
`;
  const stores = tpl(
    kb('CmkByPolicy', oss('Docs')) +
      kb('OwnedKeyByPolicy', oss('Faq')) +
      kb('PrefixBeatenByExact', oss('Wiki')) +
      kb('InlineCmk', oss('Inline')) +
      kb('NoPolicy', oss('Orphan')) +
      kb('Elsewhere', oss('Missing')) +
      kb(
        'Aurora',
        '        Type: RDS\n        RdsConfiguration: { ResourceArn: !GetAtt Cluster.DBClusterArn, CredentialsSecretArn: s, DatabaseName: d, TableName: t, FieldMapping: {} }\n',
      ) +
      kb(
        'Pinecone',
        '        Type: PINECONE\n        PineconeConfiguration: { ConnectionString: c, CredentialsSecretArn: s, FieldMapping: {} }\n',
      ) +
      kb(
        'Vectors',
        '        Type: S3_VECTORS\n        S3VectorsConfiguration: { VectorBucketArn: !GetAtt VectorBucket.VectorBucketArn, IndexName: i }\n',
      ) +
      collection('Docs', 'docs-kb') +
      collection('Faq', 'faq-kb') +
      collection('Wiki', 'team-wiki') +
      collection('Inline', 'inline-kb', ', EncryptionConfig: { AWSOwnedKey: false, KmsKeyArn: !GetAtt Key.Arn }') +
      collection('Orphan', 'orphan-kb') +
      policy('DocsEncryption', 'docs-*', '"AWSOwnedKey":false,"KmsARN":"${Key.Arn}"') +
      policy('FaqEncryption', 'faq-kb', '"AWSOwnedKey":true') +
      policy('TeamPrefix', 'team-*', '"AWSOwnedKey":true') +
      policy('WikiExact', 'team-wiki', '"AWSOwnedKey":false,"KmsARN":"${Key.Arn}"') +
      `  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: { Engine: aurora-postgresql, StorageEncrypted: "true" }
  VectorBucket:
    Type: AWS::S3Vectors::VectorBucket
    Properties: { EncryptionConfiguration: { SseType: aws:kms, KmsKeyArn: !GetAtt Key.Arn } }
`,
  );
  it('bedrock-knowledge-base-vector-store-cmk follows the store into the templates', () => {
    expect(verdicts(stores, bedrockKnowledgeBaseVectorStoreCmk)).toEqual([
      'pass CmkByPolicy',
      'fail OwnedKeyByPolicy',
      'pass PrefixBeatenByExact',
      'pass InlineCmk',
      'skip NoPolicy',
      'skip Elsewhere',
      'fail Aurora',
      'skip Pinecone',
      'pass Vectors',
    ]);
    const msg = (id: string) =>
      runRules(stores, [bedrockKnowledgeBaseVectorStoreCmk]).find((x) => x.resource.id === id)!.message;
    expect(msg('OwnedKeyByPolicy')).toMatch(
      /faq-kb is encrypted with an AWS owned key \(encryption policy FaqEncryption\)/,
    );
    expect(msg('PrefixBeatenByExact')).toMatch(/WikiExact/);
    expect(msg('Aurora')).toMatch(/AWS managed key, not a CMK/);
  });
});

describe('prompt, flow, session and custom model rules', () => {
  it('bedrock-prompt-flow-cmk reads each type’s key property', () => {
    const t = tpl(`  Prompt:
    Type: AWS::Bedrock::Prompt
    Properties: { Name: p, CustomerEncryptionKeyArn: !GetAtt Key.Arn }
  Flow:
    Type: AWS::Bedrock::Flow
    Properties: { Name: f, ExecutionRoleArn: r }
  Session:
    Type: AWS::Bedrock::Session
    Properties: { EncryptionKeyArn: k }
  SessionWrongKey:
    Type: AWS::Bedrock::Session
    Properties: { CustomerEncryptionKeyArn: k }
`);
    expect(verdicts(t, bedrockPromptFlowCmk)).toEqual([
      'pass Prompt',
      'fail Flow',
      'pass Session',
      'fail SessionWrongKey',
    ]);
  });
  it('bedrock-custom-model-cmk reads the Terraform attribute', () => {
    const t = tpl(`  Tuned:
    Type: aws_bedrock_custom_model
    Properties: { custom_model_name: a, custom_model_kms_key_id: "arn:aws:kms:eu-west-1:1:key/k" }
  Plain:
    Type: aws_bedrock_custom_model
    Properties: { custom_model_name: b }
`);
    expect(verdicts(t, bedrockCustomModelCmk)).toEqual(['pass Tuned', 'fail Plain']);
  });
});

describe('model invocation logging (account level)', () => {
  const agent = '  Agent:\n    Type: AWS::Bedrock::Agent\n    Properties: { AgentName: a }\n';
  const both = [bedrockInvocationLoggingEnabled, bedrockInvocationLogEncrypted];
  const statuses = (t: string) => runRules(t, both).map((f) => `${f.ruleId} ${f.status} ${f.resource.id}`);

  it('says "not evidenced here" with how to enable it, only for Bedrock workloads', () => {
    const f = runRules(tpl(agent), both);
    expect(f.map((x) => x.status)).toEqual(['skip', 'skip']);
    expect(f[0]!.message).toMatch(/not evidenced here.*PutModelInvocationLoggingConfiguration/);
    expect(f[0]!.message).toMatch(/tdr-bedrock-invocation-logging/);
    expect(runRules(tpl('  B:\n    Type: AWS::S3::Bucket\n'), both)).toEqual([]);
  });

  it('recognises a custom resource with LoggingConfig and checks its destinations', () => {
    const t = tpl(`${agent}  Logging:
    Type: Custom::BedrockLogging
    Properties:
      ServiceToken: !GetAtt Fn.Arn
      LoggingConfig:
        TextDataDeliveryEnabled: true
        S3Config: { BucketName: !Ref LogBucket }
        CloudWatchConfig: { LogGroupName: !Ref Logs, RoleArn: r }
  LogBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms, KMSMasterKeyID: k } }]
  Logs:
    Type: AWS::Logs::LogGroup
`);
    expect(statuses(t)).toEqual([
      'bedrock-invocation-logging-enabled pass Logging',
      'bedrock-invocation-log-encrypted fail Logging',
    ]);
    expect(runRules(t, [bedrockInvocationLogEncrypted])[0]!.message).toMatch(/log group Logs/);
  });

  it('reads a CDK AwsCustomResource call built with Fn::Join', () => {
    const call = (bucket: string) =>
      `{ "Fn::Join": ["", ['{"service":"Bedrock","action":"putModelInvocationLoggingConfiguration","parameters":{"loggingConfig":{"textDataDeliveryEnabled":false,"s3Config":{"bucketName":"', ${bucket}, '"}}}}']] }`;
    const t = tpl(`${agent}  EnableLogging:
    Type: Custom::AWS
    Properties:
      ServiceToken: t
      Create: ${call('{ Ref: LogBucket }')}
  LogBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms, KMSMasterKeyID: k } }]
`);
    expect(statuses(t)).toEqual([
      'bedrock-invocation-logging-enabled fail EnableLogging',
      'bedrock-invocation-log-encrypted pass EnableLogging',
    ]);
    expect(runRules(t, [bedrockInvocationLoggingEnabled])[0]!.message).toMatch(/turns off text data delivery/);
  });

  it('follows references inside an Fn::Sub call body', () => {
    const t = tpl(`${agent}  EnableLogging:
    Type: Custom::AWS
    Properties:
      ServiceToken: t
      Create: !Sub '{"service":"Bedrock","action":"putModelInvocationLoggingConfiguration","parameters":{"loggingConfig":{"cloudWatchConfig":{"logGroupName":"\${Logs}","roleArn":"\${Role.Arn}"}}}}'
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: { KmsKeyId: !GetAtt Key.Arn }
`);
    expect(statuses(t)).toEqual([
      'bedrock-invocation-logging-enabled pass EnableLogging',
      'bedrock-invocation-log-encrypted pass EnableLogging',
    ]);
  });

  it('handles Terraform blocks, destinations declared elsewhere and configs without destinations', () => {
    const t = tpl(`  Logging:
    Type: aws_bedrock_model_invocation_logging_configuration
    Properties:
      logging_config:
        - text_data_delivery_enabled: true
          s3_config: [{ bucket_name: central-log-archive }]
  Empty:
    Type: aws_bedrock_model_invocation_logging_configuration
    Properties:
      logging_config: [{ text_data_delivery_enabled: true }]
`);
    expect(statuses(t)).toEqual([
      'bedrock-invocation-logging-enabled pass Logging',
      'bedrock-invocation-logging-enabled fail Empty',
      'bedrock-invocation-log-encrypted skip Logging',
      'bedrock-invocation-log-encrypted skip Empty',
    ]);
    const named = `${t}  Archive:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: central-log-archive }\n`;
    expect(statuses(named)).toContain('bedrock-invocation-log-encrypted fail Logging');
  });
});
