/** Defensive readers for untrusted plan JSON: every field may be missing or of any type. */

export type Rec = Record<string, unknown>;

export const isRec = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);

export const rec = (v: unknown): Rec => (isRec(v) ? v : {});

export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === 'string');

/** Set a key even when it is `__proto__`, so keys read from the plan can never touch a prototype. */
export function setKey(o: Rec, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
