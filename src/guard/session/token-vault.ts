/**
 * Reversible tokenization: each distinct (entity, original) gets `[ENTITY_n]`, numbered per entity in order of
 * appearance, so the model still sees that two mentions are the same value without seeing the value.
 */
const TOKEN = /\[([A-Z][A-Z0-9_]*_\d+)\]/g;

interface Entry {
  original: string;
  restorable: boolean;
}

export class TokenVault {
  private readonly tokenOf = new Map<string, string>();
  private readonly entries = new Map<string, Entry>();
  private readonly counters = new Map<string, number>();
  private restorableCount = 0;

  get size(): number {
    return this.entries.size;
  }

  get restorable(): boolean {
    return this.restorableCount > 0;
  }

  tokenize(entity: string, original: string, restorable: boolean): string {
    const key = `${entity}\u0000${original}`;
    const existing = this.tokenOf.get(key);
    if (existing !== undefined) {
      const entry = this.entries.get(existing.slice(1, -1))!;
      // Restorable if any policy entry that produced the token allows it.
      if (restorable && !entry.restorable) {
        entry.restorable = true;
        this.restorableCount++;
      }
      return existing;
    }
    const n = (this.counters.get(entity) ?? 0) + 1;
    this.counters.set(entity, n);
    const name = `${entity}_${n}`;
    const token = `[${name}]`;
    this.tokenOf.set(key, token);
    this.entries.set(name, { original, restorable });
    if (restorable) this.restorableCount++;
    return token;
  }

  restore(text: string): string {
    if (this.restorableCount === 0 || !text.includes('[')) return text;
    return text.replace(TOKEN, (whole, name: string) => {
      const entry = this.entries.get(name);
      return entry?.restorable ? entry.original : whole;
    });
  }
}

/** Longest token text worth holding back in a stream so a token split across deltas is restored whole. */
export const MAX_TOKEN_CHARS = 64;
