import { dirname, isAbsolute, resolve } from 'node:path';
import type { Resource, Template } from '../graph.js';

export interface NestedTemplateRef {
  /** The AWS::CloudFormation::Stack or AWS::Serverless::Application resource. */
  stack: Resource;
  /** Absolute path of the child template. */
  path: string;
  /** The property (or metadata key) the path came from, for messages and positions. */
  property: string;
}

/** A path on disk, not a URL (`https://…`, `s3://…`) or an intrinsic function. */
function localPath(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return undefined;
  return v;
}

/**
 * Nested stacks whose template is on disk next to the parent: `AWS::CloudFormation::Stack` with a relative
 * `TemplateURL` (before `aws cloudformation package` uploads it), `AWS::Serverless::Application` with a local
 * `Location`, and CDK nested stacks, whose synthesised template the stack's `aws:asset:path` metadata names.
 */
export function localNestedTemplates(template: Template, templatePath: string): NestedTemplateRef[] {
  const dir = dirname(templatePath);
  const out: NestedTemplateRef[] = [];
  for (const r of template.resources) {
    let rel: string | undefined;
    let property = '';
    if (r.type === 'AWS::CloudFormation::Stack') {
      rel = localPath(r.properties.TemplateURL);
      property = 'TemplateURL';
      if (!rel) {
        rel = localPath(r.metadata['aws:asset:path']);
        property = 'aws:asset:path';
      }
    } else if (r.type === 'AWS::Serverless::Application') {
      rel = localPath(r.properties.Location);
      property = 'Location';
    }
    if (!rel) continue;
    out.push({ stack: r, path: isAbsolute(rel) ? rel : resolve(dir, rel), property });
  }
  return out;
}
