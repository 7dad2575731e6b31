/** HTML escaping for the report: every piece of text from a finding or profile goes through `esc`. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** C0 controls other than tab/newline are invalid in HTML text; bidi overrides can disguise what a line says. */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/** Escape text for use in element content and in double- or single-quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(INVISIBLE, '')
    .replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** Singular/plural with the count in front. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** `2026-11-24T10:00:00.000Z` → `2026-11-24 10:00:00 UTC`; unparseable input is shown as given. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}
