import type { Resource } from '../../graph.js';
import { collectRefs } from '../../sources/intrinsics.js';
import { asArray } from '../../values.js';

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const strings = (v: unknown) => asArray(v).filter((x): x is string => typeof x === 'string');

/** What a trail's data event selectors cover. */
export interface DataEventCoverage {
  /** S3 object events for every bucket. */
  allS3: boolean;
  /** Buckets named by logical id (Ref/GetAtt/Sub) in S3 object selectors. */
  s3BucketIds: Set<string>;
  /** S3 object events for buckets the scan cannot tie to a resource (literal ARNs, imports, parameters). */
  s3Literal: boolean;
  /** Bedrock resource types whose data events are selected (`AWS::Bedrock::AgentAlias`…). */
  bedrockTypes: string[];
}

const ALL_S3 = new Set(['arn:aws:s3', 'arn:aws:s3:::', 'arn:aws-us-gov:s3:::', 'arn:aws-cn:s3:::']);

/** Read basic (EventSelectors.DataResources) and advanced (AdvancedEventSelectors) data event selectors. */
export function dataEventCoverage(trail: Resource): DataEventCoverage {
  const c: DataEventCoverage = { allS3: false, s3BucketIds: new Set(), s3Literal: false, bedrockTypes: [] };
  const addS3Values = (values: unknown) => {
    const list = asArray(values);
    if (list.length === 0) c.allS3 = true;
    for (const v of list) {
      if (typeof v === 'string') {
        if (ALL_S3.has(v)) c.allS3 = true;
        else c.s3Literal = true;
      } else {
        const ids = collectRefs(v);
        // An ARN from an import or a parameter names some bucket the scan cannot tie to a resource.
        if (ids.size === 0) c.s3Literal = true;
        for (const id of ids) c.s3BucketIds.add(id);
      }
    }
  };
  for (const sel of asArray(trail.properties.EventSelectors)) {
    for (const dr of asArray(obj(sel).DataResources)) {
      if (obj(dr).Type === 'AWS::S3::Object') addS3Values(obj(dr).Values);
    }
  }
  for (const sel of asArray(trail.properties.AdvancedEventSelectors)) {
    const fields = asArray(obj(sel).FieldSelectors).map(obj);
    const field = (name: string) => fields.find((f) => f.Field === name);
    if (!strings(field('eventCategory')?.Equals).includes('Data')) continue;
    const types = strings(field('resources.type')?.Equals);
    if (types.includes('AWS::S3::Object')) {
      const arn = field('resources.ARN');
      addS3Values(arn ? [...asArray(arn.StartsWith), ...asArray(arn.Equals)] : []);
    }
    c.bedrockTypes.push(...types.filter((t) => t.startsWith('AWS::Bedrock::')));
  }
  return c;
}
