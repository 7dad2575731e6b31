/**
 * Plan JSON has no source lines for resources; the best place to point a finding at is where the plan names the
 * resource's address (its first `"address": "…"` is in `planned_values`). Plans from `terraform show -json` are one
 * long line, so the column matters as much as the line.
 */
export class AddressPositions {
  private readonly offsets = new Map<string, number>();
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    const re = /"address"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const address = decode(m[1]!);
      if (address !== undefined && !this.offsets.has(address)) this.offsets.set(address, m.index);
    }
  }

  /** 1-based line and column of the address, or of the start of the file when the plan never names it. */
  of(address: string): { line: number; column: number } {
    return this.at(this.offsets.get(address) ?? 0);
  }

  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }
}

function decode(raw: string): string | undefined {
  if (!raw.includes('\\')) return raw;
  try {
    const v: unknown = JSON.parse(`"${raw}"`);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** 1-based line and column of one offset, for a one-off lookup (a syntax error). */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}
