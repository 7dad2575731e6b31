import type { Resource } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { isIntrinsic } from '../../sources/intrinsics.js';
import { parametersOf } from '../deploy-values.js';

/**
 * Render a string property built with `Ref`, `Fn::Sub` or `Fn::Join` into text. Parameters with a default become
 * the default; anything else becomes a stable token (`⟨Name⟩`), so a collection named `!Ref CollectionName` and a
 * policy that says `collection/${CollectionName}` still render to the same text. Undefined when not renderable.
 */
export function renderText(ctx: RuleContext, r: Resource, v: unknown, depth = 0): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (!v || typeof v !== 'object' || Array.isArray(v) || depth > 6) return undefined;
  const params = parametersOf(ctx, r);
  const o = v as Record<string, unknown>;
  const name = (ref: string): string => {
    const p = params[ref];
    if (p && 'Default' in p) return renderText(ctx, r, p.Default, depth + 1) ?? `⟨${ref}⟩`;
    return `⟨${ref}⟩`;
  };
  if (typeof o.Ref === 'string') return name(o.Ref);
  const sub = o['Fn::Sub'];
  if (sub !== undefined) {
    const [template, vars] = Array.isArray(sub) ? [sub[0], sub[1]] : [sub, undefined];
    if (typeof template !== 'string') return undefined;
    const local = (vars && typeof vars === 'object' ? vars : {}) as Record<string, unknown>;
    return template.replace(/\$\{(!?)([^}]+)\}/g, (_m, bang: string, key: string) => {
      if (bang) return `\${${key}}`;
      const k = key.trim();
      if (k in local) return renderText(ctx, r, local[k], depth + 1) ?? `⟨${k}⟩`;
      return name(k);
    });
  }
  const join = o['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = join[1].map((p) => renderText(ctx, r, p, depth + 1));
    return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
  }
  if ('Fn::ToJsonString' in o) return JSON.stringify(renderDeep(ctx, r, o['Fn::ToJsonString']));
  return undefined;
}

/** An inline JSON value with every intrinsic inside rendered to text. */
function renderDeep(ctx: RuleContext, r: Resource, v: unknown, depth = 0): unknown {
  if (depth > 20) return v;
  if (Array.isArray(v)) return v.map((x) => renderDeep(ctx, r, x, depth + 1));
  if (!v || typeof v !== 'object') return v;
  if (isIntrinsic(v)) return renderText(ctx, r, v) ?? '⟨?⟩';
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, renderDeep(ctx, r, x, depth + 1)]));
}

/** A policy property as JSON: inline objects as they are, strings (plain or built with intrinsics) parsed. */
export function policyJson(ctx: RuleContext, r: Resource, v: unknown): unknown {
  if (v && typeof v === 'object' && !isIntrinsic(v)) return renderDeep(ctx, r, v);
  const text = renderText(ctx, r, v);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Does a policy resource pattern (`collection/name`, `collection/prefix*`) cover a collection name? */
export function patternCovers(pattern: string, collection: string): boolean {
  const name = pattern.replace(/^collection\//, '');
  return name.endsWith('*') ? collection.startsWith(name.slice(0, -1)) : name === collection;
}

/** How specific a pattern is: an exact name beats any prefix, a longer prefix beats a shorter one. */
export function specificity(pattern: string): number {
  return pattern.endsWith('*') ? pattern.length : Number.MAX_SAFE_INTEGER;
}
