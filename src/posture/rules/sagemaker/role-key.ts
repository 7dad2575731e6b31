import { refTarget } from '../../sources/intrinsics.js';

/**
 * A comparable identity for a role value: the logical id it references (`!GetAtt Role.Arn`, `!Ref Role`), else the
 * literal or intrinsic as written. Two properties with the same key name the same role.
 */
export function roleKey(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const target = refTarget(value);
  if (target) return `ref:${target}`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
