import { readFileSync } from 'node:fs';
import { errorMessage, UserError } from '../../util/errors.js';
import { type ParsedYaml, parseYamlWithPositions } from '../../util/yaml-file.js';
import { builtinScanners } from '../scanners/registry.js';
import type { ScannerFactory } from '../types.js';
import { compilePolicy, type ScannerLookup } from './compile-policy.js';
import type { GuardPolicy } from './guard-policy.js';
import type { PolicyInput } from './schema.js';

export interface LoadPolicyOptions {
  /** Extra scanner factories (your own); a name here shadows the built-in of the same name. */
  scanners?: readonly ScannerFactory[];
}

/** Read and compile a policy YAML file; errors are UserErrors `file:line: field: message`. */
export function loadPolicy(file: string, options: LoadPolicyOptions = {}): GuardPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'it is a directory' : errorMessage(e);
    throw new UserError(`${file}: cannot read the guard policy: ${why}`, file);
  }
  return parsePolicy(text, file, options);
}

/** Compile policy YAML text; `source` names it in errors. */
export function parsePolicy(text: string, source = 'policy', options: LoadPolicyOptions = {}): GuardPolicy {
  return compilePolicy(parseYamlWithPositions(text, source), source, scannerLookup(options.scanners));
}

/** Compile a policy given as a plain object (errors name the field, without a line). */
export function policyFromObject(value: PolicyInput, source = 'policy', options: LoadPolicyOptions = {}): GuardPolicy {
  const parsed: ParsedYaml = { value, lineOf: () => undefined };
  return compilePolicy(parsed, source, scannerLookup(options.scanners));
}

export function scannerLookup(extra: readonly ScannerFactory[] = []): ScannerLookup {
  const byName = new Map<string, ScannerFactory>();
  for (const f of builtinScanners) byName.set(f.name, f);
  for (const f of extra) byName.set(f.name, f);
  return { find: (name) => byName.get(name), names: () => [...byName.keys()] };
}
