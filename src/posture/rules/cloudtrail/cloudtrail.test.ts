import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { cloudtrailAiDataEvents } from './cloudtrail-ai-data-events.js';
import { cloudtrailCloudwatchLogs } from './cloudtrail-cloudwatch-logs.js';
import { cloudtrailRules } from './index.js';

const tpl = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;
const trail = (id: string, extra = '') => `  ${id}:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
${extra}`;
const kbStack = `  Corpus:
    Type: AWS::S3::Bucket
  Kb:
    Type: AWS::Bedrock::KnowledgeBase
    Properties: { Name: kb, RoleArn: r, KnowledgeBaseConfiguration: { Type: VECTOR } }
  Source:
    Type: AWS::Bedrock::DataSource
    Properties:
      KnowledgeBaseId: !Ref Kb
      Name: docs
      DataSourceConfiguration: { Type: S3, S3Configuration: { BucketArn: !GetAtt Corpus.Arn } }
`;

describe('cloudtrail rule metadata', () => {
  it('names only catalog controls', () => {
    const known = new Set(bundledCatalog().controls.map((c) => c.id));
    for (const r of cloudtrailRules) for (const c of r.controls) expect(known, `${r.id} → ${c}`).toContain(c);
  });
});

describe('cloudtrail-ai-data-events', () => {
  const bedrock = `      AdvancedEventSelectors:
        - FieldSelectors:
            - { Field: eventCategory, Equals: [Data] }
            - { Field: resources.type, Equals: [AWS::Bedrock::KnowledgeBase, AWS::Bedrock::AgentAlias] }
`;
  const t = tpl(
    kbStack +
      trail(
        'Full',
        `      EventSelectors:
        - DataResources: [{ Type: AWS::S3::Object, Values: [!Sub "\${Corpus.Arn}/"] }]
${bedrock}`,
      ) +
      trail(
        'AllBuckets',
        `      AdvancedEventSelectors:
        - FieldSelectors:
            - { Field: eventCategory, Equals: [Data] }
            - { Field: resources.type, Equals: [AWS::S3::Object] }
        - FieldSelectors:
            - { Field: eventCategory, Equals: [Data] }
            - { Field: resources.type, Equals: [AWS::Bedrock::KnowledgeBase] }
`,
      ) +
      trail(
        'OtherBucket',
        `      EventSelectors:\n        - DataResources: [{ Type: AWS::S3::Object, Values: [!Sub "\${Logs.Arn}/"] }]\n${bedrock}`,
      ) +
      trail('BedrockOnly', bedrock) +
      trail('ManagementOnly'),
  );
  it('requires S3 object events covering AI buckets and Bedrock events', () =>
    expect(verdicts(t, cloudtrailAiDataEvents)).toEqual([
      'pass Full',
      'pass AllBuckets',
      'fail OtherBucket',
      'fail BedrockOnly',
      'fail ManagementOnly',
    ]));
  it('says what is missing', () => {
    const f = runRules(t, [cloudtrailAiDataEvents]);
    expect(f.find((x) => x.resource.id === 'OtherBucket')!.message).toContain('Corpus');
    expect(f.find((x) => x.resource.id === 'ManagementOnly')!.message).toContain('no Bedrock data events');
  });
  it('reports "not evidenced here" when AI is used but no trail is declared', () => {
    const f = runRules(tpl(kbStack), [cloudtrailAiDataEvents]);
    expect(f.map((x) => x.status)).toEqual(['skip']);
    expect(f[0]!.message).toContain('tdr-cloudtrail-data-events-ai');
  });
  it('says nothing about trails of scans without AI use', () =>
    expect(verdicts(tpl(trail('Plain')), cloudtrailAiDataEvents)).toEqual([]));
  it('accepts S3 selectors naming buckets it cannot resolve, and needs no Bedrock events for SageMaker-only scans', () => {
    const sm = tpl(`  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: r }
${trail('Imported', '      EventSelectors:\n        - DataResources: [{ Type: AWS::S3::Object, Values: [!ImportValue data-bucket-arn] }]\n')}`);
    expect(verdicts(sm, cloudtrailAiDataEvents)).toEqual(['pass Imported']);
  });
});

describe('cloudtrail-cloudwatch-logs', () => {
  const t = tpl(
    trail('Delivered', '      CloudWatchLogsLogGroupArn: !GetAtt G.Arn\n      CloudWatchLogsRoleArn: !GetAtt R.Arn\n') +
      trail('NoRole', '      CloudWatchLogsLogGroupArn: !GetAtt G.Arn\n') +
      trail('None'),
  );
  it('needs both the log group and the delivery role', () =>
    expect(verdicts(t, cloudtrailCloudwatchLogs)).toEqual(['pass Delivered', 'fail NoRole', 'fail None']));
});
