import { createRequire } from 'node:module';
import { UserError } from '../../util/errors.js';

/**
 * The CloudFormation resource specification from `@aws-cdk/aws-service-spec` (the database the CDK generates its
 * L1 constructs from). Loading it means gunzipping and indexing about 2.6 MB: roughly 0.3 s and 100 MB of heap,
 * so it is loaded lazily, once per process (and so once per worker thread), only when a template asks for it.
 */

/** The shapes of the spec this module reads (a subset of `@aws-cdk/service-spec-types`). */
export type SpecType =
  | { type: 'string' | 'number' | 'integer' | 'boolean' | 'json' | 'date-time' | 'null' | 'tag' }
  | { type: 'ref'; reference: { $ref: string } }
  | { type: 'array' | 'map'; element: SpecType }
  | { type: 'union'; types: SpecType[] };

export interface SpecProperty {
  type: SpecType;
  previousTypes?: SpecType[];
  required?: boolean;
}

export interface SpecShape {
  name?: string;
  properties: Record<string, SpecProperty>;
}

export interface SpecIndex {
  resource(cfnType: string): SpecShape | undefined;
  typeDefinition(id: string): SpecShape | undefined;
  /** Milliseconds the load took, for `--validate-spec` cost reporting. */
  loadMs: number;
}

interface SpecDatabase {
  lookup(collection: 'resource', index: 'cloudFormationType', op: 'equals', value: string): SpecShape[];
  get(collection: 'typeDefinition', id: string): SpecShape;
}

let loaded: SpecIndex | null | undefined;
let loadError: string | undefined;

/** The spec, loaded on first call; undefined when the package cannot be loaded (`requireSpec` says why). */
export function specIndex(): SpecIndex | undefined {
  if (loaded !== undefined) return loaded ?? undefined;
  const t0 = performance.now();
  try {
    const require = createRequire(import.meta.url);
    const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec') as {
      loadAwsServiceSpecSync(): SpecDatabase;
    };
    const db = loadAwsServiceSpecSync();
    const resources = new Map<string, SpecShape | undefined>();
    const types = new Map<string, SpecShape | undefined>();
    loaded = {
      loadMs: Math.round(performance.now() - t0),
      resource(cfnType) {
        if (!resources.has(cfnType))
          resources.set(cfnType, db.lookup('resource', 'cloudFormationType', 'equals', cfnType)[0]);
        return resources.get(cfnType);
      },
      typeDefinition(id) {
        if (!types.has(id)) {
          let t: SpecShape | undefined;
          try {
            t = db.get('typeDefinition', id);
          } catch {
            t = undefined;
          }
          types.set(id, t);
        }
        return types.get(id);
      },
    };
  } catch (e) {
    loaded = null;
    loadError = e instanceof Error ? e.message : String(e);
  }
  return loaded ?? undefined;
}

/** The spec, or an error the user can act on (for `--validate-spec`). */
export function requireSpec(): SpecIndex {
  const spec = specIndex();
  if (!spec)
    throw new UserError(`--validate-spec: cannot load @aws-cdk/aws-service-spec (${loadError ?? 'unknown error'})`);
  return spec;
}
