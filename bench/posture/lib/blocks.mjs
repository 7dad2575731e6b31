// Building blocks of an AI workload on AWS, each adding a few related resources to a StackBuilder with a mix of
// compliant and non-compliant settings. Every block declares the most resources it can add (`max`), so the
// generator can land exactly on a template's target size.

import { arnOf, att, ref, sub } from './stack-builder.mjs';

const FOUNDATION_MODELS = [
  'anthropic.claude-3-5-sonnet-20240620-v1:0',
  'anthropic.claude-3-haiku-20240307-v1:0',
  'amazon.nova-pro-v1:0',
  'meta.llama3-1-70b-instruct-v1:0',
];
const SERVING_INSTANCES = ['ml.g5.2xlarge', 'ml.g5.12xlarge', 'ml.inf2.xlarge', 'ml.m5.xlarge'];
const NOTEBOOK_INSTANCES = ['ml.t3.medium', 'ml.t3.large', 'ml.g4dn.xlarge'];
const GOOD_RUNTIMES = ['python3.12', 'python3.13', 'nodejs20.x', 'nodejs22.x'];
const OLD_RUNTIMES = ['python3.8', 'nodejs16.x', 'python3.7'];
const DATA_TAGS = ['training-data', 'model-artifacts', 'rag-documents', 'evaluation-data', 'inference-logs'];

const statement = (effect, action, resource, extra = {}) => ({
  Effect: effect,
  Action: action,
  Resource: resource,
  ...extra,
});
const policyDoc = (...statements) => ({ Version: '2012-10-17', Statement: statements });
const trust = (service) => policyDoc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });

/** An execution role for `service`; least privilege or wildcard by the draw. */
function role(b, name, service, scopedActions, wildcardAction) {
  const broad = !b.ok(0.1);
  const props = {
    AssumeRolePolicyDocument: trust(service),
    Policies: [
      {
        PolicyName: `${name}Policy`,
        PolicyDocument: broad
          ? policyDoc(statement('Allow', [wildcardAction, 'iam:PassRole'], '*'))
          : policyDoc(
              statement('Allow', scopedActions, sub('arn:${AWS::Partition}:*:${AWS::Region}:${AWS::AccountId}:*')),
            ),
      },
    ],
  };
  if (!b.ok(0.1))
    props.ManagedPolicyArns = [sub(`arn:\${AWS::Partition}:iam::aws:policy/${managedPolicyFor(service)}`)];
  if (b.ok(-0.3)) props.PermissionsBoundary = sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/ai-boundary');
  return b.add(name, 'AWS::IAM::Role', props);
}

function managedPolicyFor(service) {
  if (service.startsWith('sagemaker')) return 'AmazonSageMakerFullAccess';
  if (service.startsWith('lambda')) return 'service-role/AWSLambdaBasicExecutionRole';
  return 'AmazonBedrockFullAccess';
}

/** VPC, two private subnets, routing, an endpoint security group, one CMK, an access-log bucket: 10–16 resources. */
export const base = {
  name: 'base',
  max: 16,
  build(b) {
    const octet = b.rng.int(0, 250);
    b.shared.vpcCidr = `10.${octet}.0.0/16`;
    const vpc = b.add('Vpc', 'AWS::EC2::VPC', {
      CidrBlock: b.shared.vpcCidr,
      EnableDnsHostnames: true,
      EnableDnsSupport: true,
      Tags: [{ Key: 'Name', Value: `${b.stackName}/Vpc` }],
    });
    b.shared.vpc = vpc;
    const routeTable = b.add('PrivateRouteTable', 'AWS::EC2::RouteTable', { VpcId: ref(vpc) });
    for (let i = 0; i < 2; i++) {
      const subnet = b.add('PrivateSubnet', 'AWS::EC2::Subnet', {
        VpcId: ref(vpc),
        CidrBlock: `10.${octet}.${i * 64}.0/18`,
        AvailabilityZone: { 'Fn::Select': [i, { 'Fn::GetAZs': '' }] },
        MapPublicIpOnLaunch: false,
      });
      b.shared.subnets.push(subnet);
      b.add('PrivateSubnetRouteTableAssociation', 'AWS::EC2::SubnetRouteTableAssociation', {
        RouteTableId: ref(routeTable),
        SubnetId: ref(subnet),
      });
    }
    const endpointSg = b.add('EndpointSecurityGroup', 'AWS::EC2::SecurityGroup', {
      GroupDescription: 'Interface endpoints, HTTPS from inside the VPC',
      VpcId: ref(vpc),
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: b.shared.vpcCidr }],
    });
    b.shared.securityGroups.push(endpointSg);
    kmsKey(b, 'DataKey');
    b.shared.logBucket = b.add('AccessLogsBucket', 'AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
      PublicAccessBlockConfiguration: allPublicBlocked(),
    });
    // PrivateLink endpoints for the AI runtimes; missing ones are the non-compliant case.
    for (const service of ['bedrock-runtime', 'sagemaker.runtime']) {
      if (!b.ok()) continue;
      b.add(
        service === 'bedrock-runtime' ? 'BedrockRuntimeEndpoint' : 'SageMakerRuntimeEndpoint',
        'AWS::EC2::VPCEndpoint',
        {
          ServiceName: sub(`com.amazonaws.\${AWS::Region}.${service}`),
          VpcEndpointType: 'Interface',
          VpcId: ref(vpc),
          SubnetIds: b.shared.subnets.map(ref),
          SecurityGroupIds: [ref(endpointSg)],
          PrivateDnsEnabled: true,
        },
      );
    }
    if (b.ok()) {
      b.add('S3GatewayEndpoint', 'AWS::EC2::VPCEndpoint', {
        ServiceName: sub('com.amazonaws.${AWS::Region}.s3'),
        VpcEndpointType: 'Gateway',
        VpcId: ref(vpc),
        RouteTableIds: [ref(routeTable)],
      });
    }
    if (b.ok()) {
      const flowLogs = b.add('FlowLogGroup', 'AWS::Logs::LogGroup', { RetentionInDays: 365 });
      const flowRole = b.add('FlowLogRole', 'AWS::IAM::Role', {
        AssumeRolePolicyDocument: trust('vpc-flow-logs.amazonaws.com'),
        Policies: [
          {
            PolicyName: 'FlowLogDelivery',
            PolicyDocument: policyDoc(
              statement('Allow', ['logs:CreateLogStream', 'logs:PutLogEvents'], arnOf(flowLogs)),
            ),
          },
        ],
      });
      b.add('VpcFlowLog', 'AWS::EC2::FlowLog', {
        ResourceId: ref(vpc),
        ResourceType: 'VPC',
        TrafficType: 'ALL',
        LogDestinationType: 'cloud-watch-logs',
        LogGroupName: ref(flowLogs),
        DeliverLogsPermissionArn: arnOf(flowRole),
      });
    }
  },
};

function allPublicBlocked() {
  return { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
}

/** A KMS key and alias; rotation and key policy by the draw. */
function kmsKey(b, name) {
  const statements = [
    {
      Sid: 'AccountAdmin',
      Effect: 'Allow',
      Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
      Action: 'kms:*',
      Resource: '*',
    },
  ];
  if (!b.ok(0.15)) {
    statements.push({
      Sid: 'AnyoneDecrypt',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Resource: '*',
    });
  }
  const key = b.add(name, 'AWS::KMS::Key', {
    Description: `${name} for ${b.stackName}`,
    EnableKeyRotation: b.ok(),
    KeyPolicy: policyDoc(...statements),
    PendingWindowInDays: b.rng.pick([7, 14, 30]),
  });
  b.add(`${name}Alias`, 'AWS::KMS::Alias', {
    AliasName: `alias/${b.stackName.toLowerCase()}/${name.toLowerCase()}-${b.count}`,
    TargetKeyId: ref(key),
  });
  b.shared.keys.push(key);
  return key;
}

export const keyBlock = { name: 'kms', max: 2, build: (b) => kmsKey(b, 'WorkloadKey') };

/** A data bucket (training data, model artifacts, RAG documents…) with its bucket policy: 1–2 resources. */
export const dataBucket = {
  name: 'bucket',
  max: 2,
  build(b) {
    const key = b.key();
    const props = {};
    const sse = key
      ? { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arnOf(key) }
      : b.ok()
        ? { SSEAlgorithm: 'AES256' }
        : undefined;
    if (sse)
      props.BucketEncryption = {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: sse, BucketKeyEnabled: !!key }],
      };
    if (b.ok()) props.VersioningConfiguration = { Status: 'Enabled' };
    else if (b.rng.chance(0.3)) props.VersioningConfiguration = { Status: 'Suspended' };
    if (b.ok()) props.PublicAccessBlockConfiguration = allPublicBlocked();
    else if (b.rng.chance(0.4))
      props.PublicAccessBlockConfiguration = { ...allPublicBlocked(), BlockPublicPolicy: false };
    if (b.ok() && b.shared.logBucket)
      props.LoggingConfiguration = { DestinationBucketName: ref(b.shared.logBucket), LogFilePrefix: 'data/' };
    props.Tags = [
      { Key: 'data-classification', Value: b.rng.pick(DATA_TAGS) },
      { Key: 'criticality', Value: b.rng.pick(['critical', 'standard', 'standard']) },
    ];
    const bucket = b.add(
      b.rng.pick(['TrainingData', 'ModelArtifacts', 'KnowledgeDocs', 'EvalData']),
      'AWS::S3::Bucket',
      props,
    );
    b.shared.buckets = [...(b.shared.buckets ?? []), bucket];
    if (b.ok()) {
      b.add(`${bucket.slice(0, -8)}Policy`, 'AWS::S3::BucketPolicy', {
        Bucket: ref(bucket),
        PolicyDocument: policyDoc(
          statement('Deny', 's3:*', [arnOf(bucket), { 'Fn::Join': ['', [arnOf(bucket), '/*']] }], {
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ),
      });
    }
    return bucket;
  },
};

/** A bucket for a block that needs one: reuse one of the template's buckets or make a new one. */
function someBucket(b) {
  const existing = b.shared.buckets ?? [];
  return existing.length && b.rng.chance(0.6) ? b.rng.pick(existing) : dataBucket.build(b);
}

/** SageMaker notebook with its role: 2 resources. */
export const notebook = {
  name: 'notebook',
  max: 2,
  build(b) {
    const roleId = role(b, 'NotebookRole', 'sagemaker.amazonaws.com', ['s3:GetObject', 's3:PutObject'], 'sagemaker:*');
    const key = b.key();
    const inVpc = b.ok();
    const props = {
      InstanceType: b.rng.pick(NOTEBOOK_INSTANCES),
      RoleArn: arnOf(roleId),
      VolumeSizeInGB: b.rng.pick([20, 50, 100]),
      DirectInternetAccess: inVpc && b.ok(0.1) ? 'Disabled' : 'Enabled',
      RootAccess: b.ok() ? 'Disabled' : 'Enabled',
      InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: b.ok() ? '2' : '1' },
    };
    if (key) props.KmsKeyId = ref(key);
    if (inVpc) {
      props.SubnetId = ref(b.rng.pick(b.shared.subnets));
      props.SecurityGroupIds = [ref(b.rng.pick(b.shared.securityGroups))];
    }
    b.add('ResearchNotebook', 'AWS::SageMaker::NotebookInstance', props);
  },
};

/** SageMaker real-time hosting: role, model, endpoint config, endpoint (+ artifacts bucket): 4–6 resources. */
export const hosting = {
  name: 'hosting',
  max: 6,
  build(b) {
    const artifacts = someBucket(b);
    const roleId = role(
      b,
      'InferenceRole',
      'sagemaker.amazonaws.com',
      ['s3:GetObject', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      'sagemaker:*',
    );
    const model = {
      ExecutionRoleArn: arnOf(roleId),
      PrimaryContainer: {
        Image: sub('${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/llm-serving:1.4.0'),
        ModelDataUrl: sub(`s3://\${${artifacts}}/models/model.tar.gz`),
        Environment: { SAGEMAKER_PROGRAM: 'inference.py' },
      },
      EnableNetworkIsolation: b.ok(),
    };
    if (b.ok())
      model.VpcConfig = {
        SecurityGroupIds: [ref(b.rng.pick(b.shared.securityGroups))],
        Subnets: b.shared.subnets.map(ref),
      };
    const modelId = b.add('ServingModel', 'AWS::SageMaker::Model', model);
    const key = b.key();
    const config = {
      ProductionVariants: [
        {
          ModelName: att(modelId, 'ModelName'),
          VariantName: 'AllTraffic',
          InitialInstanceCount: b.ok() ? b.rng.int(2, 4) : 1,
          InstanceType: b.rng.pick(SERVING_INSTANCES),
          InitialVariantWeight: 1,
        },
      ],
    };
    if (key) config.KmsKeyId = ref(key);
    if (b.ok(-0.2))
      config.DataCaptureConfig = {
        EnableCapture: true,
        InitialSamplingPercentage: 20,
        DestinationS3Uri: sub(`s3://\${${artifacts}}/capture`),
        CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
      };
    const configId = b.add('ServingEndpointConfig', 'AWS::SageMaker::EndpointConfig', config);
    b.add('ServingEndpoint', 'AWS::SageMaker::Endpoint', { EndpointConfigName: att(configId, 'EndpointConfigName') });
  },
};

/** Bedrock guardrail (+ version) and an agent using it or not: 4 resources. */
export const agent = {
  name: 'agent',
  max: 4,
  build(b) {
    const filters = [
      { Type: 'HATE', InputStrength: 'HIGH', OutputStrength: 'HIGH' },
      { Type: 'VIOLENCE', InputStrength: 'HIGH', OutputStrength: 'HIGH' },
      { Type: 'MISCONDUCT', InputStrength: 'MEDIUM', OutputStrength: 'MEDIUM' },
    ];
    if (b.ok(0.1)) filters.push({ Type: 'PROMPT_ATTACK', InputStrength: 'HIGH', OutputStrength: 'NONE' });
    else if (b.rng.chance(0.5))
      filters.push({ Type: 'PROMPT_ATTACK', InputStrength: b.rng.pick(['LOW', 'MEDIUM']), OutputStrength: 'NONE' });
    const guardrail = {
      Name: `${b.stackName}-guardrail-${b.count}`,
      BlockedInputMessaging: 'Sorry, I cannot help with that request.',
      BlockedOutputsMessaging: 'Sorry, I cannot share that.',
      ContentPolicyConfig: { FiltersConfig: filters },
    };
    if (b.ok())
      guardrail.SensitiveInformationPolicyConfig = {
        PiiEntitiesConfig: [
          { Type: 'EMAIL', Action: 'ANONYMIZE' },
          { Type: 'US_SOCIAL_SECURITY_NUMBER', Action: 'BLOCK' },
        ],
      };
    if (b.ok(-0.1))
      guardrail.ContextualGroundingPolicyConfig = {
        FiltersConfig: [
          { Type: 'GROUNDING', Threshold: 0.8 },
          { Type: 'RELEVANCE', Threshold: 0.7 },
        ],
      };
    const guardKey = b.key();
    if (guardKey) guardrail.KmsKeyArn = arnOf(guardKey);
    const guardrailId = b.add('SupportGuardrail', 'AWS::Bedrock::Guardrail', guardrail);
    const version = b.add('SupportGuardrailVersion', 'AWS::Bedrock::GuardrailVersion', {
      GuardrailIdentifier: att(guardrailId, 'GuardrailId'),
      Description: 'pinned for production',
    });
    const roleId = role(
      b,
      'AgentRole',
      'bedrock.amazonaws.com',
      ['bedrock:InvokeModel', 'bedrock:Retrieve'],
      'bedrock:*',
    );
    const props = {
      AgentName: `${b.stackName}-agent-${b.count}`,
      AgentResourceRoleArn: arnOf(roleId),
      FoundationModel: b.rng.pick(FOUNDATION_MODELS),
      Instruction:
        'You are a customer support assistant. Answer only from the knowledge base and never reveal account data.',
      IdleSessionTTLInSeconds: 600,
      AutoPrepare: true,
    };
    const key = b.key();
    if (key) props.CustomerEncryptionKeyArn = arnOf(key);
    if (b.ok(0.1))
      props.GuardrailConfiguration = {
        GuardrailIdentifier: att(guardrailId, 'GuardrailId'),
        GuardrailVersion: att(version, 'Version'),
      };
    b.add('SupportAgent', 'AWS::Bedrock::Agent', props);
  },
};

/** Bedrock knowledge base over OpenSearch Serverless with an S3 data source: 6–8 resources. */
export const knowledgeBase = {
  name: 'knowledge-base',
  max: 8,
  build(b) {
    const docs = someBucket(b);
    const name = `kb-${b.count}-${b.rng.int(100, 999)}`;
    const key = b.key();
    const encryption = b.add('VectorEncryptionPolicy', 'AWS::OpenSearchServerless::SecurityPolicy', {
      Name: `${name}-enc`,
      Type: 'encryption',
      // Collection encryption with the template's CMK, or an AWS-owned key (the non-compliant case).
      Policy: key
        ? sub(JSON.stringify({ Rules: collectionRule(name), AWSOwnedKey: false, KmsARN: `\${${key}.Arn}` }))
        : JSON.stringify({ Rules: collectionRule(name), AWSOwnedKey: true }),
    });
    b.add('VectorNetworkPolicy', 'AWS::OpenSearchServerless::SecurityPolicy', {
      Name: `${name}-net`,
      Type: 'network',
      Policy: JSON.stringify([{ Rules: collectionRule(name), AllowFromPublic: !b.ok() }]),
    });
    const collection = b.add(
      'VectorCollection',
      'AWS::OpenSearchServerless::Collection',
      { Name: name, Type: 'VECTORSEARCH', StandbyReplicas: b.ok() ? 'ENABLED' : 'DISABLED' },
      { DependsOn: [encryption] },
    );
    const roleId = role(
      b,
      'KnowledgeBaseRole',
      'bedrock.amazonaws.com',
      ['bedrock:InvokeModel', 's3:GetObject', 'aoss:APIAccessAll'],
      'bedrock:*',
    );
    const kb = b.add('SupportKnowledgeBase', 'AWS::Bedrock::KnowledgeBase', {
      Name: name,
      RoleArn: arnOf(roleId),
      KnowledgeBaseConfiguration: {
        Type: 'VECTOR',
        VectorKnowledgeBaseConfiguration: {
          EmbeddingModelArn: sub(
            'arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/amazon.titan-embed-text-v2:0',
          ),
        },
      },
      StorageConfiguration: {
        Type: 'OPENSEARCH_SERVERLESS',
        OpensearchServerlessConfiguration: {
          CollectionArn: arnOf(collection),
          VectorIndexName: 'kb-index',
          FieldMapping: { VectorField: 'embedding', TextField: 'text', MetadataField: 'metadata' },
        },
      },
    });
    const source = {
      KnowledgeBaseId: att(kb, 'KnowledgeBaseId'),
      Name: `${name}-docs`,
      DataSourceConfiguration: { Type: 'S3', S3Configuration: { BucketArn: arnOf(docs) } },
    };
    const sourceKey = b.key();
    if (sourceKey) source.ServerSideEncryptionConfiguration = { KmsKeyArn: arnOf(sourceKey) };
    b.add('SupportDocsSource', 'AWS::Bedrock::DataSource', source);
  },
};

const collectionRule = (name) => [{ ResourceType: 'collection', Resource: [`collection/${name}`] }];

/** A Lambda function (RAG orchestrator, pre/post processor…) with role, log group and maybe a DLQ: 3–4 resources. */
export const lambdaFn = {
  name: 'lambda',
  max: 4,
  build(b) {
    const roleId = role(
      b,
      'HandlerRole',
      'lambda.amazonaws.com',
      ['bedrock:InvokeModel', 'logs:PutLogEvents'],
      'bedrock:*',
    );
    const props = {
      Runtime: b.ok(0.1) ? b.rng.pick(GOOD_RUNTIMES) : b.rng.pick(OLD_RUNTIMES),
      Handler: 'index.handler',
      Role: arnOf(roleId),
      Code: { ZipFile: 'def handler(event, context):\n    return {"statusCode": 200}\n' },
      Timeout: b.rng.pick([30, 60, 300]),
      MemorySize: b.rng.pick([256, 512, 1024]),
      Environment: { Variables: { MODEL_ID: b.rng.pick(FOUNDATION_MODELS), LOG_LEVEL: 'INFO' } },
    };
    const key = b.key(-0.2);
    if (key) props.KmsKeyArn = arnOf(key);
    if (b.ok())
      props.VpcConfig = {
        SubnetIds: b.shared.subnets.map(ref),
        SecurityGroupIds: [ref(b.rng.pick(b.shared.securityGroups))],
      };
    if (b.ok(-0.2)) props.ReservedConcurrentExecutions = b.rng.pick([10, 50, 100]);
    if (b.ok()) props.TracingConfig = { Mode: 'Active' };
    if (b.ok(-0.2)) {
      const qKey = b.key();
      const dlq = b.add('HandlerDeadLetterQueue', 'AWS::SQS::Queue', {
        MessageRetentionPeriod: 1209600,
        ...(qKey ? { KmsMasterKeyId: ref(qKey) } : { SqsManagedSseEnabled: b.ok() }),
      });
      props.DeadLetterConfig = { TargetArn: arnOf(dlq) };
    }
    const fn = b.add(
      b.rng.pick(['RagHandler', 'ChatHandler', 'IngestHandler', 'EvalHandler']),
      'AWS::Lambda::Function',
      props,
    );
    logGroup(b, sub(`/aws/lambda/\${${fn}}`));
    return fn;
  },
};

function logGroup(b, name) {
  const props = {};
  if (name) props.LogGroupName = name;
  if (b.ok()) props.RetentionInDays = b.rng.pick([30, 90, 365, 731]);
  const key = b.key();
  if (key) props.KmsKeyId = arnOf(key);
  return b.add('LogGroup', 'AWS::Logs::LogGroup', props);
}

/** API Gateway REST API in front of a Lambda, with stage, logs and maybe WAF: 8–13 resources. */
export const api = {
  name: 'api',
  max: 13,
  build(b) {
    const fn = lambdaFn.build(b);
    const restApi = b.add('ChatApi', 'AWS::ApiGateway::RestApi', {
      Name: `${b.stackName}-chat-api-${b.count}`,
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
    const resource = b.add('ChatApiChatResource', 'AWS::ApiGateway::Resource', {
      ParentId: att(restApi, 'RootResourceId'),
      PathPart: 'chat',
      RestApiId: ref(restApi),
    });
    const method = b.add('ChatApiPostMethod', 'AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      ResourceId: ref(resource),
      RestApiId: ref(restApi),
      AuthorizationType: b.ok() ? 'AWS_IAM' : 'NONE',
      Integration: {
        Type: 'AWS_PROXY',
        IntegrationHttpMethod: 'POST',
        Uri: sub(
          `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${fn}.Arn}/invocations`,
        ),
      },
    });
    b.add('ChatApiInvokePermission', 'AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: arnOf(fn),
      Principal: 'apigateway.amazonaws.com',
      SourceArn: sub(
        `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${restApi}}/*/POST/chat`,
      ),
    });
    const deployment = b.add(
      'ChatApiDeployment',
      'AWS::ApiGateway::Deployment',
      { RestApiId: ref(restApi) },
      { DependsOn: [method] },
    );
    const stage = {
      RestApiId: ref(restApi),
      DeploymentId: ref(deployment),
      StageName: 'prod',
      TracingEnabled: b.ok(),
    };
    if (b.ok())
      stage.MethodSettings = [
        { HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'INFO', DataTraceEnabled: false, MetricsEnabled: true },
      ];
    if (b.ok()) {
      const access = logGroup(b);
      stage.AccessLogSetting = {
        DestinationArn: arnOf(access),
        Format: '$context.requestId $context.identity.sourceIp $context.httpMethod $context.status',
      };
    }
    const stageId = b.add('ChatApiProdStage', 'AWS::ApiGateway::Stage', stage);
    if (b.ok()) {
      const rules = [
        {
          Name: 'RateLimit',
          Priority: 0,
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP' } },
          VisibilityConfig: visibility('RateLimit'),
        },
      ];
      if (b.ok(-0.2))
        rules.push({
          Name: 'BotControl',
          Priority: 1,
          OverrideAction: { None: {} },
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesBotControlRuleSet' } },
          VisibilityConfig: visibility('BotControl'),
        });
      const acl = b.add('ChatApiWebAcl', 'AWS::WAFv2::WebACL', {
        DefaultAction: { Allow: {} },
        Scope: 'REGIONAL',
        VisibilityConfig: visibility('ChatApiWebAcl'),
        Rules: rules,
      });
      b.add('ChatApiWebAclAssociation', 'AWS::WAFv2::WebACLAssociation', {
        ResourceArn: sub(
          `arn:\${AWS::Partition}:apigateway:\${AWS::Region}::/restapis/\${${restApi}}/stages/\${${stageId}}`,
        ),
        WebACLArn: arnOf(acl),
      });
    }
  },
};

const visibility = (name) => ({ CloudWatchMetricsEnabled: true, MetricName: name, SampledRequestsEnabled: true });

/** CloudTrail with its bucket and bucket policy, maybe data events on a training bucket: 3–4 resources. */
export const trail = {
  name: 'cloudtrail',
  max: 4,
  build(b) {
    const bucket = b.add('TrailBucket', 'AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: allPublicBlocked(),
      VersioningConfiguration: { Status: 'Enabled' },
    });
    const policy = b.add('TrailBucketPolicy', 'AWS::S3::BucketPolicy', {
      Bucket: ref(bucket),
      PolicyDocument: policyDoc(
        statement('Allow', 's3:GetBucketAcl', arnOf(bucket), { Principal: { Service: 'cloudtrail.amazonaws.com' } }),
        statement(
          'Allow',
          's3:PutObject',
          { 'Fn::Join': ['', [arnOf(bucket), '/AWSLogs/', ref('AWS::AccountId'), '/*']] },
          {
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
          },
        ),
      ),
    });
    const props = {
      IsLogging: true,
      S3BucketName: ref(bucket),
      IsMultiRegionTrail: b.ok(),
      EnableLogFileValidation: b.ok(),
      IncludeGlobalServiceEvents: true,
    };
    const key = b.key();
    if (key) props.KMSKeyId = arnOf(key);
    const data = b.shared.buckets ?? [];
    if (data.length && b.ok(-0.2))
      props.EventSelectors = [
        {
          ReadWriteType: 'All',
          IncludeManagementEvents: true,
          DataResources: [{ Type: 'AWS::S3::Object', Values: [{ 'Fn::Join': ['', [arnOf(b.rng.pick(data)), '/']] }] }],
        },
      ];
    if (b.ok(-0.2)) {
      const group = logGroup(b);
      props.CloudWatchLogsLogGroupArn = arnOf(group);
      props.CloudWatchLogsRoleArn = sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cloudtrail-to-logs');
    }
    b.add('AuditTrail', 'AWS::CloudTrail::Trail', props, { DependsOn: [policy] });
  },
};

/** DynamoDB table for conversation history / RAG metadata: 1 resource. */
export const table = {
  name: 'dynamodb',
  max: 1,
  build(b) {
    const key = b.key();
    const props = {
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    };
    if (key) props.SSESpecification = { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: arnOf(key) };
    if (b.ok()) props.PointInTimeRecoverySpecification = { PointInTimeRecoveryEnabled: true };
    b.add(b.rng.pick(['ConversationTable', 'ChunkMetadataTable', 'FeedbackTable']), 'AWS::DynamoDB::Table', props);
  },
};

/** A security group in front of model hosts; 0.0.0.0/0 ingress is the non-compliant case: 1 resource. */
export const securityGroup = {
  name: 'security-group',
  max: 1,
  build(b) {
    const open = !b.ok();
    const sg = b.add('ModelHostSecurityGroup', 'AWS::EC2::SecurityGroup', {
      GroupDescription: 'Model hosts',
      VpcId: ref(b.shared.vpc),
      SecurityGroupIngress: [
        {
          IpProtocol: 'tcp',
          FromPort: open ? b.rng.pick([22, 443, 8080]) : 443,
          ToPort: open ? b.rng.pick([22, 443, 8080]) : 443,
          CidrIp: open ? '0.0.0.0/0' : b.shared.vpcCidr,
        },
      ],
      SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }],
    });
    b.shared.securityGroups.push(sg);
  },
};

/** A customer managed policy for data scientists or apps; wildcard AI actions by the draw: 1 resource. */
export const managedPolicy = {
  name: 'iam-policy',
  max: 1,
  build(b) {
    const wildcard = !b.ok();
    b.add('AiAccessPolicy', 'AWS::IAM::ManagedPolicy', {
      Description: 'Access to the AI services this workload uses',
      PolicyDocument: policyDoc(
        wildcard
          ? statement('Allow', [b.rng.pick(['bedrock:*', 'sagemaker:*', '*'])], '*')
          : statement(
              'Allow',
              ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
              sub('arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/*'),
            ),
      ),
    });
  },
};

/** A log group on its own: 1 resource. */
export const logs = { name: 'log-group', max: 1, build: (b) => logGroup(b) };

/** SNS alarm topic and a CloudWatch alarm on model invocation errors: 2 resources. */
export const alarm = {
  name: 'alarm',
  max: 2,
  build(b) {
    const key = b.key();
    const topic = b.add('AlarmTopic', 'AWS::SNS::Topic', key ? { KmsMasterKeyId: ref(key) } : {});
    b.add('InvocationErrorsAlarm', 'AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Bedrock',
      MetricName: 'InvocationServerErrors',
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [ref(topic)],
    });
  },
};

/** Account-level detection declared in the template: GuardDuty, Security Hub, a finding-routing rule: 3 resources. */
export const detection = {
  name: 'detection',
  max: 3,
  build(b) {
    b.add('ThreatDetector', 'AWS::GuardDuty::Detector', {
      Enable: true,
      Features: [{ Name: 'S3_DATA_EVENTS', Status: b.ok() ? 'ENABLED' : 'DISABLED' }],
    });
    b.add('SecurityHub', 'AWS::SecurityHub::Hub', { EnableDefaultStandards: true });
    b.add('FindingsRouting', 'AWS::Events::Rule', {
      EventPattern: { source: ['aws.guardduty', 'aws.securityhub'] },
      State: 'ENABLED',
      Targets: [
        { Arn: sub('arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:security-alerts'), Id: 'notify' },
      ],
    });
  },
};

/** The blocks a template is drawn from, after `base`, with their weights. */
export const WEIGHTED_BLOCKS = [
  [dataBucket, 10],
  [keyBlock, 3],
  [notebook, 4],
  [hosting, 6],
  [agent, 5],
  [knowledgeBase, 4],
  [lambdaFn, 8],
  [api, 4],
  [trail, 1],
  [table, 4],
  [securityGroup, 4],
  [managedPolicy, 4],
  [logs, 3],
  [alarm, 3],
  [detection, 0.5],
];

/** One-resource blocks used to land exactly on the target size. */
export const FILLERS = [table, securityGroup, managedPolicy, logs];
