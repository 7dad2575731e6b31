/** The resource graph every posture source produces and every posture rule reads. */
import type { ConditionModel } from './conditions.js';

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
  /**
   * The Properties as written, before conditions were applied (`properties` has statically known `Fn::If`s decided
   * and `AWS::NoValue` removed). Set by sources that have conditions; the engine evaluates undecided ones from here.
   */
  raw?: RawResource;
}

export interface RawResource {
  properties: unknown;
  /** Position of a path inside the Properties as written (`Fn::If` steps included). */
  positionAt(path: readonly (string | number)[]): SourcePosition;
}

export interface Template {
  file: string;
  format: SourceFormat;
  parameters: Record<string, { Type?: string; Default?: unknown; [k: string]: unknown }>;
  conditions: Record<string, unknown>;
  mappings: Record<string, unknown>;
  resources: Resource[];
  /** The template's Conditions, compiled; absent for sources without conditions. */
  conditionModel?: ConditionModel;
  /** Resources left out because their own Condition is false whatever the parameters. */
  skipped?: { id: string; reason: string }[];
  /** Transforms the template declares (`AWS::Serverless-2016-10-31`…). */
  transforms?: string[];
}

/** The resources of one template file, by logical id, and the resources referencing each id. */
interface FileScope {
  byId: Map<string, Resource>;
  reverse: Map<string, Resource[]>;
}

/**
 * All resources of one scan, indexed for rules that follow edges (a role's policies, a bucket's policy…). Logical ids
 * are scoped by template file: `get` and `referencing` stay inside the template of the resource asked about. The
 * indexes are per file, so adding a million resources makes no `file + id` key strings.
 */
export class ResourceGraph {
  private readonly resourceList: Resource[] = [];
  private readonly templateList: Template[] = [];
  private readonly scopes = new Map<string, FileScope>();
  private readonly byType = new Map<string, Resource[]>();
  private readonly templateOfResource = new Map<Resource, Template>();

  get resources(): Resource[] {
    return this.resourceList;
  }

  get templates(): Template[] {
    return this.templateList;
  }

  add(t: Template): void {
    this.templateList.push(t);
    let scope = this.scopes.get(t.file);
    if (!scope) {
      scope = { byId: new Map(), reverse: new Map() };
      this.scopes.set(t.file, scope);
    }
    const { byId, reverse } = scope;
    for (const r of t.resources) {
      this.resourceList.push(r);
      this.templateOfResource.set(r, t);
      byId.set(r.id, r);
      const list = this.byType.get(r.type);
      if (list) list.push(r);
      else this.byType.set(r.type, [r]);
    }
    for (const r of t.resources) {
      for (const target of r.refs) {
        const list = reverse.get(target);
        if (list) list.push(r);
        else reverse.set(target, [r]);
      }
    }
  }

  /** A resource by logical id in the same template as `from`. */
  get(from: Resource | string, id: string): Resource | undefined {
    return this.scopes.get(this.templateFile(from))?.byId.get(id);
  }

  /** Resources in the same template that reference `target`. */
  referencing(target: Resource, type?: string): Resource[] {
    const list = this.scopes.get(this.templateFile(target))?.reverse.get(target.id) ?? [];
    return type ? list.filter((r) => r.type === type) : list;
  }

  ofType(...types: string[]): Resource[] {
    if (types.length === 1) return [...(this.byType.get(types[0]!) ?? [])];
    const wanted = new Set(types);
    return this.resourceList.filter((r) => wanted.has(r.type));
  }

  /** The template a resource was added with. */
  templateOf(r: Resource): Template | undefined {
    return this.templateOfResource.get(r) ?? this.templateOfResource.get(Object.getPrototypeOf(r) as Resource);
  }

  /**
   * The template file a resource (or a file name) belongs to, without computing source positions. Rules that tell
   * templates apart use this, not `position.file`: a Terraform resource is reported at its `.tf` block, but its
   * template is the plan.
   */
  templateFile(from: Resource | string): string {
    if (typeof from === 'string') return from;
    return this.templateOf(from)?.file ?? from.position.file;
  }
}
