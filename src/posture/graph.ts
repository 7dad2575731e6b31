/** The resource graph every posture source produces and every posture rule reads. */

export interface SourcePosition {
  /** Path relative to the scan root, forward slashes. */
  file: string;
  line: number;
  column: number;
}

export type SourceFormat = 'cloudformation' | 'cdk' | 'terraform-plan';

export interface Resource {
  /** CloudFormation logical id or Terraform address. */
  id: string;
  /**
   * The CloudFormation type rules match on (`AWS::S3::Bucket`). Terraform resources are normalised to the
   * CloudFormation type and property shape, so one rule serves both sources; `sourceType` keeps the original.
   */
  type: string;
  /** The type as written in the source when it differs from `type` (Terraform: `aws_s3_bucket`). Reports show it. */
  sourceType?: string;
  /** Properties with intrinsic functions in long form (`{ Ref }`, `{ 'Fn::GetAtt': [...] }`). */
  properties: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** Name of the CloudFormation Condition guarding the resource, if any. */
  condition?: string;
  dependsOn: string[];
  /** Logical ids this resource references through Ref, GetAtt, Sub or DependsOn. */
  refs: string[];
  position: SourcePosition;
  format: SourceFormat;
  /** CDK construct path (`aws:cdk:path` metadata) when the template came from `cdk synth`. */
  constructPath?: string;
  /** Position of a property path inside the resource's Properties, falling back to the resource itself. */
  positionOf(path: readonly (string | number)[]): SourcePosition;
}

export interface Template {
  file: string;
  format: SourceFormat;
  parameters: Record<string, { Type?: string; Default?: unknown; [k: string]: unknown }>;
  conditions: Record<string, unknown>;
  mappings: Record<string, unknown>;
  resources: Resource[];
}

/** All resources of one scan, indexed for rules that follow edges (a role's policies, a bucket's policy…). */
export class ResourceGraph {
  readonly resources: Resource[] = [];
  readonly templates: Template[] = [];
  private readonly byKey = new Map<string, Resource>();
  private readonly reverse = new Map<string, Resource[]>();

  add(t: Template): void {
    this.templates.push(t);
    for (const r of t.resources) {
      this.resources.push(r);
      this.byKey.set(key(t.file, r.id), r);
    }
    for (const r of t.resources) {
      for (const target of r.refs) {
        const k = key(t.file, target);
        const list = this.reverse.get(k);
        if (list) list.push(r);
        else this.reverse.set(k, [r]);
      }
    }
  }

  /** A resource by logical id in the same template as `from`. */
  get(from: Resource | string, id: string): Resource | undefined {
    const file = typeof from === 'string' ? from : from.position.file;
    return this.byKey.get(key(file, id));
  }

  /** Resources in the same template that reference `target`. */
  referencing(target: Resource, type?: string): Resource[] {
    const list = this.reverse.get(key(target.position.file, target.id)) ?? [];
    return type ? list.filter((r) => r.type === type) : list;
  }

  ofType(...types: string[]): Resource[] {
    return this.resources.filter((r) => types.includes(r.type));
  }
}

function key(file: string, id: string): string {
  return `${file}\u0000${id}`;
}
