/**
 * Every built-in scanner factory, in the order `steward guard` lists them. A scanner helper adds one import and one
 * array entry; the policy loader looks names up here (plus any extra factories passed to `createGuard`).
 */
import type { ScannerFactory } from '../types.js';
import { deniedTopicsScanner } from './denied-topics/index.js';
import { groundingScanner } from './grounding/index.js';
import { languageScanner } from './language/index.js';
import { lengthScanner } from './length/index.js';
import { outputHandlingScanner } from './output-handling/index.js';
import { piiScanner } from './pii/index.js';
import { promptInjectionScanner } from './prompt-injection/index.js';
import { regexScanner } from './regex/index.js';
import { secretsScanner } from './secrets/index.js';
import { systemPromptLeakScanner } from './system-prompt-leak/index.js';
import { wordFilterScanner } from './word-filter/index.js';

export const builtinScanners: readonly ScannerFactory[] = [
  lengthScanner,
  regexScanner,
  promptInjectionScanner,
  piiScanner,
  secretsScanner,
  systemPromptLeakScanner,
  outputHandlingScanner,
  groundingScanner,
  deniedTopicsScanner,
  wordFilterScanner,
  languageScanner,
];

const byName = new Map(builtinScanners.map((f) => [f.name, f]));

export function findScanner(name: string): ScannerFactory | undefined {
  return byName.get(name);
}

export function scannerNames(): string[] {
  return builtinScanners.map((f) => f.name);
}
