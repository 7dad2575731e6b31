/**
 * Turns a parsed policy document into a GuardPolicy: validates the shared keys with PolicySchema, then each scanner
 * entry with its factory's own `options` schema, and builds every scanner instance once. Every error is a UserError
 * `file:line: field: message`.
 */
import { z } from 'zod';
import { UserError } from '../../util/errors.js';
import { formatPath, type ParsedYaml, validateYaml } from '../../util/yaml-file.js';
import type { Direction, ScannerFactory } from '../types.js';
import { type CompiledEntry, DEFAULT_ROLE_MASK, type PolicyLayer, roleMaskOf } from './compiled.js';
import { GuardPolicy } from './guard-policy.js';
import { COMMON_ENTRY_KEYS, type OverrideInput, PolicySchema, type ScannerEntryInput } from './schema.js';

export interface ScannerLookup {
  find(name: string): ScannerFactory | undefined;
  names(): string[];
}

type Path = readonly PropertyKey[];

export function compilePolicy(parsed: ParsedYaml, source: string, scanners: ScannerLookup): GuardPolicy {
  const doc = validateYaml(parsed, PolicySchema, source);
  const fail = (path: Path, message: string): never => {
    const line = parsed.lineOf(path);
    throw new UserError(`${source}${line ? `:${line}` : ''}: ${formatPath(path)}: ${message}`, source);
  };

  const compileList = (entries: readonly ScannerEntryInput[], direction: Direction, at: Path): CompiledEntry[] => {
    const seen = new Set<string>();
    return entries.map((entry, i) => {
      const path = [...at, i];
      const key = entry.id ?? entry.scanner;
      if (seen.has(key)) {
        fail(path, `"${key}" is listed twice in ${formatPath(at)}; give each entry a distinct \`id\``);
      }
      seen.add(key);
      return compileEntry(entry, direction, path, scanners, fail);
    });
  };

  const compileLayer = (o: OverrideInput, at: Path): PolicyLayer => ({
    input: o.input && compileList(o.input, 'input', [...at, 'input']),
    output: o.output && compileList(o.output, 'output', [...at, 'output']),
    limits: o.limits,
    outputSinks: o.outputSinks,
    failMode: o.failMode,
    canary: o.canary,
    tools: o.tools,
  });

  const base = {
    input: compileList(doc.input, 'input', ['input']),
    output: compileList(doc.output, 'output', ['output']),
    limits: doc.limits,
    outputSinks: doc.outputSinks,
    failMode: doc.failMode,
    canary: doc.canary,
    tools: doc.tools,
  };
  const routes = new Map(Object.entries(doc.routes).map(([k, o]) => [k, compileLayer(o, ['routes', k])]));
  const apiKeys = new Map(Object.entries(doc.apiKeys).map(([k, o]) => [k, compileLayer(o, ['apiKeys', k])]));
  return new GuardPolicy(source, doc, base, routes, apiKeys);
}

function compileEntry(
  entry: ScannerEntryInput,
  direction: Direction,
  path: Path,
  scanners: ScannerLookup,
  fail: (path: Path, message: string) => never,
): CompiledEntry {
  const factory = scanners.find(entry.scanner);
  if (!factory) {
    return fail([...path, 'scanner'], `unknown scanner "${entry.scanner}"; available: ${scanners.names().join(', ')}`);
  }
  if (!factory.directions.includes(direction)) {
    const other = direction === 'input' ? 'output' : 'input';
    fail([...path, 'scanner'], `${factory.name} scans ${factory.directions.join(' and ')} only; move it to ${other}`);
  }
  const action = entry.action ?? factory.defaultAction;
  if (entry.restore && action !== 'tokenize') fail([...path, 'restore'], 'restore only applies to action: tokenize');
  if (action === 'disclaimer' && direction !== 'output')
    fail([...path, 'action'], 'disclaimer appends text to the model output: use it in output, or choose flag/block');
  const common = {
    key: entry.id ?? entry.scanner,
    id: entry.id,
    factory,
    action,
    threshold: entry.threshold ?? factory.defaultThreshold,
    roleMask: entry.on ? roleMaskOf(entry.on) : DEFAULT_ROLE_MASK,
    restore: entry.restore,
    enabled: entry.enabled,
  };
  // A disabled entry only switches a base entry off: its scanner options are neither needed nor validated.
  if (!entry.enabled) return common;

  const rawOptions: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) if (!COMMON_ENTRY_KEYS.has(k)) rawOptions[k] = v;
  const parsed = factory.options.safeParse(rawOptions);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const stray = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    fail(
      stray === undefined ? [...path, ...issue.path] : [...path, ...issue.path, stray],
      `${issue.message}${stray === undefined ? '' : ` (${factory.name} accepts: ${optionKeys(factory).join(', ')})`}${more}`,
    );
  }
  const stray = strayKey(factory, rawOptions);
  if (stray) fail([...path, stray], `unknown key for ${factory.name} (accepts: ${optionKeys(factory).join(', ')})`);
  try {
    return { ...common, scanner: factory.create(parsed.data) };
  } catch (e) {
    return fail(path, `cannot create scanner ${factory.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Keys an object schema declares, plus the common ones, for "accepts: …" hints. */
function optionKeys(factory: ScannerFactory): string[] {
  const schema = factory.options;
  const own = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  return [...COMMON_ENTRY_KEYS, ...own];
}

/**
 * A factory whose options are a plain (stripping) z.object would silently drop a misspelt key; catch it here so a
 * typo in a policy is an error whatever schema style the scanner's author chose.
 */
function strayKey(factory: ScannerFactory, raw: Record<string, unknown>): string | undefined {
  const schema = factory.options;
  if (!(schema instanceof z.ZodObject) || schema.def.catchall !== undefined) return undefined;
  const shape = schema.shape as Record<string, unknown>;
  return Object.keys(raw).find((k) => !(k in shape));
}
