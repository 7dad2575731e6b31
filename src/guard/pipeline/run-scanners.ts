/**
 * Runs a policy's scanner entries over a request's or response's segments and decides. Hot path: one pass per
 * entry, objects allocated only for what is found, timing per entry with performance.now().
 */
import type { Segment } from '../guard-api.js';
import type { CompiledEntry } from '../policy/compiled.js';
import { roleBit } from '../policy/compiled.js';
import type { FailMode } from '../policy/schema.js';
import { ACTION_RANK, type GuardAction, type ScanContext, type Span, type Verdict } from '../types.js';
import type { TransformSpan } from './transform-spans.js';

export interface ScanOutcome {
  action: GuardAction;
  verdicts: Verdict[];
  /** Per segment index: the redact/mask/tokenize spans to apply (undefined when none). */
  transforms?: (TransformSpan[] | undefined)[];
  /** Texts to append to the output (`disclaimer` action), each once, in policy order. */
  disclaimers?: string[];
  reason?: string;
}

/** Said when a scanner with action `disclaimer` gives no text of its own in `details.disclaimer`. */
export const DEFAULT_DISCLAIMER =
  'Note: parts of this answer may not be supported by the provided sources; verify before relying on it.';

type VerdictSpan = Span & { segment: number };

/** `ctx.role` is overwritten per segment; the caller owns `ctx` for the duration of the call. */
export function runScanners(
  entries: readonly CompiledEntry[],
  segments: readonly Segment[],
  ctx: ScanContext,
  failMode: FailMode,
): ScanOutcome {
  const verdicts: Verdict[] = new Array(entries.length);
  let action: GuardAction = 'allow';
  let transforms: (TransformSpan[] | undefined)[] | undefined;
  let disclaimers: string[] | undefined;

  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e]!;
    const scanner = entry.scanner!;
    const t0 = performance.now();
    let score = 0;
    let spans: VerdictSpan[] | undefined;
    /** Segments where the entry fired without pointing at a span: a transform then covers the whole segment. */
    let spanless: number[] | undefined;
    let error: string | undefined;
    let disclaimer: string | undefined;
    try {
      for (let i = 0; i < segments.length; i++) {
        const segment = segments[i]!;
        if ((entry.roleMask & roleBit(segment.role)) === 0) continue;
        ctx.role = segment.role;
        const result = scanner.scan(segment.text, ctx);
        const s = cleanScore(result.score);
        if (s > score) score = s;
        if (s === 0 || s < entry.threshold) continue;
        const d = result.details?.disclaimer;
        if (typeof d === 'string' && d.trim()) disclaimer ??= d;
        let kept = false;
        for (const span of result.spans) {
          if (span.score !== undefined && span.score < entry.threshold) continue;
          spans ??= [];
          spans.push({ ...span, segment: i });
          kept = true;
        }
        if (!kept) {
          spanless ??= [];
          spanless.push(i);
        }
      }
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }

    const detected = error === undefined && score > 0 && score >= entry.threshold;
    const verdictAction: GuardAction =
      error !== undefined ? (failMode === 'closed' ? 'block' : 'flag') : detected ? entry.action : 'allow';
    if (ACTION_RANK[verdictAction] > ACTION_RANK[action]) action = verdictAction;
    if (detected && entry.action === 'disclaimer') {
      const text = disclaimer ?? DEFAULT_DISCLAIMER;
      disclaimers ??= [];
      if (!disclaimers.includes(text)) disclaimers.push(text);
    }

    if (detected && (entry.action === 'redact' || entry.action === 'mask' || entry.action === 'tokenize')) {
      transforms ??= new Array(segments.length);
      const perSegment = transforms;
      const add = (i: number, span: TransformSpan) => {
        const list = perSegment[i];
        if (list) list.push(span);
        else perSegment[i] = [span];
      };
      for (const s of spans ?? []) {
        add(s.segment, {
          start: s.start,
          end: s.end,
          entity: s.entity,
          action: entry.action,
          replacement: s.replacement,
          restore: entry.restore,
        });
      }
      for (const i of spanless ?? []) {
        add(i, {
          start: 0,
          end: segments[i]!.text.length,
          entity: entry.factory.name.toUpperCase(),
          action: entry.action,
          restore: entry.restore,
        });
      }
    }

    const verdict: Verdict = {
      scanner: entry.factory.name,
      score,
      action: verdictAction,
      spans: spans ?? [],
      latencyMs: performance.now() - t0,
    };
    if (entry.id !== undefined) verdict.id = entry.id;
    if (error !== undefined) verdict.error = error;
    verdicts[e] = verdict;
  }

  const outcome: ScanOutcome = { action, verdicts, transforms };
  if (disclaimers) outcome.disclaimers = disclaimers;
  if (action !== 'allow') outcome.reason = describe(verdicts, action, failMode);
  return outcome;
}

/** A scanner's score as a number in 0..1 whatever it returned (NaN counts as nothing found). */
function cleanScore(score: unknown): number {
  if (typeof score !== 'number' || !(score > 0)) return 0;
  return score > 1 ? 1 : score;
}

function label(v: Verdict): string {
  return v.id === undefined ? v.scanner : `${v.scanner} (${v.id})`;
}

/** `blocked by prompt_injection (score 0.97)`, or for other actions `pii: redact; regex: flag`. */
function describe(verdicts: readonly Verdict[], action: GuardAction, failMode: FailMode): string {
  if (action === 'block') {
    const why = verdicts
      .filter((v) => v.action === 'block')
      .map((v) =>
        v.error === undefined
          ? `${label(v)} (score ${v.score.toFixed(2)})`
          : `${label(v)} failed (fail mode ${failMode}): ${v.error}`,
      );
    return `blocked by ${why.join(', ')}`;
  }
  return verdicts
    .filter((v) => v.action !== 'allow')
    .map((v) => `${label(v)}: ${v.error === undefined ? v.action : `failed (fail mode ${failMode}): ${v.error}`}`)
    .join('; ');
}
