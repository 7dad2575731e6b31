import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { errorMessage, UserError } from './errors.js';

export interface ParsedYaml {
  value: unknown;
  /** 1-based line of the node at a path of keys/indices, or of the nearest ancestor that exists. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** Parse YAML text keeping positions; throws UserError naming the file and line on syntax errors. */
export function parseYamlWithPositions(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = firstError.pos?.[0];
    const line = pos === undefined ? undefined : lineCounter.linePos(pos).line;
    const what = firstError.message.split('\n')[0];
    throw new UserError(`${file}${line ? `:${line}` : ''}: invalid YAML: ${what}`, file);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new UserError(`${file}: invalid YAML: ${errorMessage(e)}`, file);
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    let node: unknown = doc.contents;
    let best: number | undefined;
    const rangeLine = (n: unknown) => {
      const r = (n as YamlNode | undefined)?.range;
      return r ? lineCounter.linePos(r[0]).line : undefined;
    };
    best = rangeLine(node);
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => {
          const k = p.key as { value?: unknown } | null;
          return k !== null && String(k?.value ?? k) === String(key);
        });
        if (!pair) break;
        best = rangeLine(pair.key) ?? best;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        if (node === undefined) break;
        best = rangeLine(node) ?? best;
      } else break;
    }
    return best;
  };
  return { value, lineOf };
}

/** Render a zod issue path as `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out ? `.${String(k)}` : String(k);
  return out || '(root)';
}

/** Validate parsed YAML against a zod schema; the error names file, line and field of the first problem. */
export function validateYaml<T extends z.ZodType>(parsed: ParsedYaml, schema: T, file: string): z.infer<T> {
  const result = schema.safeParse(parsed.value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // For an unknown key, point at the key itself rather than at the object holding it.
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const line = parsed.lineOf(unknownKey === undefined ? issue.path : [...issue.path, unknownKey]);
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : '';
  throw new UserError(`${file}${line ? `:${line}` : ''}: ${formatPath(issue.path)}: ${issue.message}${more}`, file);
}

/** Read, parse and validate a YAML file in one step. */
export function loadYamlFile<T extends z.ZodType>(file: string, schema: T, displayName = file): z.infer<T> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a directory, not a file'
            : errorMessage(e);
    throw new UserError(`${displayName}: cannot read: ${why}`, displayName);
  }
  return validateYaml(parseYamlWithPositions(text, displayName), schema, displayName);
}
