import type { Resource } from '../../graph.js';
import type { GraphRule, Verdict } from '../../rule.js';
import { aiFootprint, idList } from '../ai-footprint.js';
import { AI_RESOURCE_TYPES } from '../ec2/ai-resource-types.js';
import { IDENTITY_POLICY_TYPES } from '../identity-policies.js';
import { dataEventCoverage } from './trail-selectors.js';

const isAiType = (t: string) =>
  t.startsWith('AWS::Bedrock::') || t.startsWith('AWS::BedrockAgentCore::') || t.startsWith('AWS::SageMaker::');

export const cloudtrailAiDataEvents: GraphRule = {
  kind: 'graph',
  id: 'cloudtrail-ai-data-events',
  title: 'CloudTrail records data events for AI data buckets and Bedrock',
  severity: 'medium',
  resourceTypes: ['AWS::CloudTrail::Trail', 'AWS::S3::Bucket', ...AI_RESOURCE_TYPES, ...IDENTITY_POLICY_TYPES],
  reads: { 'AWS::CloudTrail::Trail': '*' },
  controls: ['tdr-cloudtrail-data-events-ai'],
  description:
    'When the scanned templates use Bedrock or SageMaker, a trail selects S3 object data events (basic DataResources of type AWS::S3::Object, or advanced selectors on resources.type AWS::S3::Object) covering every bucket that AI resources reference, and, when Bedrock is used, Bedrock data events (advanced selectors on an AWS::Bedrock::* resources.type) such as agent invocations and knowledge-base retrievals. Management events alone do not show who read a training set or queried an agent. With no trail in the scan the control is reported as not evidenced here.',
  remediation: {
    text: 'Add advanced event selectors for S3 objects of the AI data buckets and for Bedrock resources.',
    cloudformation:
      'AdvancedEventSelectors:\n  - Name: ai-data\n    FieldSelectors:\n      - { Field: eventCategory, Equals: [Data] }\n      - { Field: resources.type, Equals: [AWS::S3::Object] }\n      - { Field: resources.ARN, StartsWith: [!Sub "${TrainingData.Arn}/"] }\n  - Name: bedrock\n    FieldSelectors:\n      - { Field: eventCategory, Equals: [Data] }\n      - { Field: resources.type, Equals: [AWS::Bedrock::AgentAlias, AWS::Bedrock::KnowledgeBase, AWS::Bedrock::Model] }',
    terraform:
      'advanced_event_selector {\n  name = "bedrock"\n  field_selector {\n    field  = "eventCategory"\n    equals = ["Data"]\n  }\n  field_selector {\n    field  = "resources.type"\n    equals = ["AWS::Bedrock::AgentAlias", "AWS::Bedrock::KnowledgeBase"]\n  }\n}',
  },
  equivalents: {
    prowler: [
      'cloudtrail_s3_dataevents_read_enabled',
      'cloudtrail_s3_dataevents_write_enabled',
      'cloudtrail_bedrock_logging_enabled',
    ],
  },
  evaluateGraph(ctx) {
    const fp = aiFootprint(ctx.graph);
    const bedrockUse = fp.bedrockRuntime.length + fp.bedrockAgentRuntime.length > 0;
    const aiUse = fp.anyRuntime;
    if (aiUse.length === 0) return [];
    const trails = ctx.graph.ofType('AWS::CloudTrail::Trail');
    if (trails.length === 0)
      return [
        {
          status: 'skip',
          message: `CloudTrail data events are not evidenced here: no AWS::CloudTrail::Trail in the scanned templates, while ${idList(aiUse)} use AI services. Confirm an organisation or account trail records S3 object and Bedrock data events (control: tdr-cloudtrail-data-events-ai).`,
        },
      ];
    const aiBuckets = ctx.graph
      .ofType('AWS::S3::Bucket')
      .filter((b) => ctx.graph.referencing(b).some((r) => isAiType(r.type)));
    const fileOf = (r: Resource) => ctx.graph.templateFile(r);
    const byFile = new Map<string, Resource[]>();
    for (const b of aiBuckets) {
      const list = byFile.get(fileOf(b));
      if (list) list.push(b);
      else byFile.set(fileOf(b), [b]);
    }
    return trails.map((trail): Verdict & { resource: Resource } => {
      const c = dataEventCoverage(trail);
      const problems: string[] = [];
      const anyS3 = c.allS3 || c.s3Literal || c.s3BucketIds.size > 0;
      if (!anyS3) problems.push('no S3 object data events');
      else if (!c.allS3) {
        if (!c.s3Literal) {
          const missed = missedBuckets(aiBuckets, byFile, fileOf(trail), c.s3BucketIds, fileOf);
          if (missed) problems.push(`no S3 object data events for ${missed}`);
        }
      }
      if (bedrockUse && c.bedrockTypes.length === 0) problems.push('no Bedrock data events');
      return problems.length
        ? { status: 'fail', message: `Trail ${trail.id} records ${problems.join(' and ')}.`, resource: trail }
        : {
            status: 'pass',
            message: `Trail ${trail.id} records data events for AI data and services.`,
            resource: trail,
          };
    });
  },
};

/**
 * AI buckets a trail's selectors do not name (every bucket of another template, and the unnamed ones of its own), as
 * an id list for the message. Linear in the trail's own template, not in the whole scan, so judging one trail per
 * template over thousands of templates stays fast.
 */
function missedBuckets(
  all: Resource[],
  byFile: Map<string, Resource[]>,
  file: string,
  named: Set<string>,
  fileOf: (r: Resource) => string,
): string {
  const own = byFile.get(file) ?? [];
  const missedOwn = own.filter((b) => !named.has(b.id));
  const others = all.length - own.length;
  const total = missedOwn.length + others;
  if (total === 0) return '';
  const shown: string[] = [];
  for (const b of missedOwn) if (shown.length < 3 && !shown.includes(b.id)) shown.push(b.id);
  for (let i = 0; i < all.length && shown.length < 3; i++) {
    const b = all[i]!;
    if (fileOf(b) !== file && !shown.includes(b.id)) shown.push(b.id);
  }
  return total > shown.length ? `${shown.join(', ')} and ${total - shown.length} more` : shown.join(', ');
}
