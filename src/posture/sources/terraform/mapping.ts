import type { Plan, TfResource } from './plan.js';
import type { Rec } from './records.js';

/** How one Terraform resource type becomes CloudFormation. */
export interface TfMapping {
  tf: string;
  /** The CloudFormation type a standalone resource becomes (a function when it depends on the values). */
  cfn?: string | ((r: TfResource) => string);
  /** Its properties in CloudFormation shape. */
  props?: (r: TfResource, plan: Plan) => Rec;
  /**
   * For resources Terraform splits out of a parent (a bucket's versioning, a role's policy): what they add to which
   * parent. When this returns contributions the resource is folded into them; otherwise it stands alone.
   */
  merge?: (r: TfResource, plan: Plan) => Contribution[];
  /** Tidy a parent's properties once every contribution is in (e.g. drop a policy listed twice). */
  finish?: (props: Rec) => Rec;
}

export interface Contribution {
  parent: TfResource;
  /** Properties to set on the parent; arrays are appended to the parent's arrays. */
  props: Rec;
}

/**
 * Properties a mapped resource may carry that its CloudFormation type does not have: settings Terraform keeps on the
 * resource where CloudFormation wants a resource of its own (a topic's or queue's `policy` argument, where
 * CloudFormation has AWS::SNS::TopicPolicy / AWS::SQS::QueuePolicy). Rules read them (see attached-policies.ts); the
 * specification test allows exactly these.
 */
export const TERRAFORM_ONLY_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'AWS::SNS::Topic': ['PolicyDocument'],
  'AWS::SQS::Queue': ['PolicyDocument'],
};
