/** CloudFormation intrinsic functions: short-form YAML tags → long form, and reference extraction. */

const SCALAR_OR_LIST = new Map<string, string>([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ['!Sub', 'Fn::Sub'],
  ['!Join', 'Fn::Join'],
  ['!Select', 'Fn::Select'],
  ['!Split', 'Fn::Split'],
  ['!FindInMap', 'Fn::FindInMap'],
  ['!ImportValue', 'Fn::ImportValue'],
  ['!Base64', 'Fn::Base64'],
  ['!Cidr', 'Fn::Cidr'],
  ['!GetAZs', 'Fn::GetAZs'],
  ['!If', 'Fn::If'],
  ['!Equals', 'Fn::Equals'],
  ['!And', 'Fn::And'],
  ['!Or', 'Fn::Or'],
  ['!Not', 'Fn::Not'],
  ['!Transform', 'Fn::Transform'],
  ['!Length', 'Fn::Length'],
  ['!ToJsonString', 'Fn::ToJsonString'],
  ['!GetAtt', 'Fn::GetAtt'],
  ['!GetStackOutput', 'Fn::GetStackOutput'],
]);

export const KNOWN_TAGS = [...SCALAR_OR_LIST.keys()];

/**
 * Every long-form function CloudFormation knows, including the condition functions, the ones only valid in a
 * template's Rules section and the AWS::LanguageExtensions transform's. `Fn::ForEach::<Loop>` is matched by prefix.
 */
const KNOWN_FUNCTIONS = new Set([
  ...SCALAR_OR_LIST.values(),
  'Fn::Contains',
  'Fn::EachMemberEquals',
  'Fn::EachMemberIn',
  'Fn::RefAll',
  'Fn::ValueOf',
  'Fn::ValueOfAll',
]);

/** True for `Ref`, `Condition` and every `Fn::` name CloudFormation accepts. */
export function isKnownFunction(name: string): boolean {
  return KNOWN_FUNCTIONS.has(name) || name.startsWith('Fn::ForEach::');
}

/**
 * The first `Fn::Something` key CloudFormation would reject, with its path, searching depth first in document
 * order. Only single-key objects count: that is the shape CloudFormation reads as a function call.
 */
export function findUnknownFunction(value: unknown): { name: string; path: (string | number)[] } | undefined {
  const path: (string | number)[] = [];
  const walk = (v: unknown): string | undefined => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const hit = walk(v[i]);
        if (hit) return hit;
        path.pop();
      }
    } else if (v && typeof v === 'object') {
      const keys = Object.keys(v);
      const only = keys.length === 1 ? keys[0]! : undefined;
      if (only?.startsWith('Fn::') && !isKnownFunction(only)) {
        path.push(only);
        return only;
      }
      for (const k of keys) {
        path.push(k);
        const hit = walk((v as Record<string, unknown>)[k]);
        if (hit) return hit;
        path.pop();
      }
    }
    return undefined;
  };
  const name = walk(value);
  return name ? { name, path } : undefined;
}

/** Long form of a short-form tag, or undefined when the tag is not a CloudFormation intrinsic. */
export function intrinsicFromTag(tag: string, value: unknown): unknown {
  const fn = SCALAR_OR_LIST.get(tag);
  if (!fn) return undefined;
  // `!GetAtt Res.Attr` is the dotted scalar form of ['Res', 'Attr'].
  if (fn === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [fn]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  if (fn === 'Fn::GetAZs' && value === null) return { [fn]: '' };
  return { [fn]: value };
}

/** Logical ids a value refers to (Ref, GetAtt, and `${Name}` inside Sub), pseudo parameters excluded. */
export function collectRefs(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, out);
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[k];
      if (k === 'Ref' && typeof v === 'string') addRef(out, v);
      else if (k === 'Fn::GetAtt') {
        const target = Array.isArray(v) ? v[0] : typeof v === 'string' ? v.split('.')[0] : undefined;
        if (typeof target === 'string') addRef(out, target);
      } else if (k === 'Fn::Sub') {
        const template = Array.isArray(v) ? v[0] : v;
        const vars = Array.isArray(v) && v[1] && typeof v[1] === 'object' ? Object.keys(v[1]) : [];
        if (typeof template === 'string') {
          for (const m of template.matchAll(/\$\{([^!}][^}]*)\}/g)) {
            const name = m[1]!.split('.')[0]!.trim();
            if (!vars.includes(name)) addRef(out, name);
          }
        }
      }
      collectRefs(v, out);
    }
  }
  return out;
}

function addRef(out: Set<string>, name: string): void {
  if (!name.startsWith('AWS::')) out.add(name);
}

/** The logical id a value points at through `Ref` or `Fn::GetAtt`, if it is exactly such a reference. */
export function refTarget(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.Ref === 'string') return o.Ref;
  const ga = o['Fn::GetAtt'];
  if (Array.isArray(ga) && typeof ga[0] === 'string') return ga[0];
  if (typeof ga === 'string') return ga.split('.')[0];
  return undefined;
}

/** True when the value is an intrinsic function object (its truthiness is unknown until deploy). */
export function isIntrinsic(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::') || keys[0] === 'Condition');
}
