import { isAbsolute, relative, sep } from 'node:path';

/**
 * How reports show a path: relative to `root` with forward slashes when it lies inside it (what SARIF and code
 * review tools want), otherwise absolute, never a `../../` chain.
 */
export function displayPath(absolute: string, root = process.cwd()): string {
  const rel = relative(root, absolute);
  if (rel === '') return '.';
  const shown = rel.startsWith('..') || isAbsolute(rel) ? absolute : rel;
  return shown.split(sep).join('/');
}
