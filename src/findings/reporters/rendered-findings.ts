import { counterOf, type Tally } from '../assessment.js';
import { compareFindings, type Finding, SEVERITIES, type Severity } from '../finding.js';
import { pushJsonFinding } from './json-finding-text.js';

/** Between two findings of the json report's array (each printed finding starts with it; see `stripFirst`). */
export const SEPARATOR = ',\n';

/** How findings are printed for the json report, and which are left out. */
export interface RenderSpec {
  /** Indentation of a finding in the report's findings array. */
  indent: string;
  /** Print passing verdicts too (`--include-passed`); otherwise they are left out. */
  includePassed: boolean;
}

/** The tally counters, by index (a tally row names its counter by index). */
export const COUNTERS: readonly (keyof Tally)[] = ['passed', 'failed', 'suppressed', 'skipped', 'errors'];
const COUNTER_INDEX = new Map(COUNTERS.map((c, i) => [c, i]));
const SEVERITY_INDEX = new Map<string, number>(SEVERITIES.map((s, i) => [s, i]));

/** Integers per run in `runs`: severity, rule id, file (string indexes), end of its text, findings. */
export const RUN_STRIDE = 5;
/** Integers per row in `tallies`: severity, controls (string indexes; controls joined by NUL), counter, findings. */
export const TALLY_STRIDE = 4;

/**
 * One batch of findings (a template's, or the graph rules') printed as the json report prints them, in report
 * order, with what the report's summary and roll-up need to count them. Plain data (typed arrays, strings), so a
 * worker thread can print its templates' findings and post the result (the text's buffer moves, it is not copied):
 * the main thread then only places the text, where it used to decode a million findings and print them itself.
 *
 * The text is a series of runs: the findings of one severity, rule and file, each finding preceded by `,\n` and
 * the indentation. The report orders findings by severity, rule, file, line, resource id, so a report is these
 * runs, put in order (see PrerenderedFindings).
 */
export interface RenderedFindings {
  text: Uint8Array;
  strings: string[];
  runs: Int32Array;
  tallies: Int32Array;
}

/** Printing space, reused by every batch of the thread; grown when a batch needs more. */
let scratch = Buffer.allocUnsafe(1 << 20);

/** Print `findings` (any order) for the json report; passing verdicts are left out unless the spec keeps them. */
export function renderFindings(findings: readonly Finding[], spec: RenderSpec): RenderedFindings {
  const kept = spec.includePassed ? [...findings] : findings.filter((f) => f.status !== 'pass');
  kept.sort(compareFindings);
  const strings: string[] = [];
  const index = new Map<string, number>();
  const str = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  const runs: number[] = [];
  // Counts per controls list (findings of a rule share one array), by severity and counter.
  const tallies = new Map<readonly string[], number[]>();
  const parts: string[] = [];
  let used = 0;
  const flush = () => {
    if (parts.length === 0) return;
    const text = parts.join('');
    parts.length = 0;
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (used + text.length * 3 > scratch.length) {
      const bigger = Buffer.allocUnsafe(Math.max(scratch.length * 2, used + text.length * 3));
      scratch.copy(bigger, 0, 0, used);
      scratch = bigger;
    }
    used += scratch.write(text, used);
    runs[runs.length - 2] = used;
  };
  let prev: Finding | undefined;
  for (const f of kept) {
    const file = f.resource.file ?? '';
    if (!prev || prev.severity !== f.severity || prev.ruleId !== f.ruleId || (prev.resource.file ?? '') !== file) {
      flush();
      runs.push(str(f.severity), str(f.ruleId), str(file), used, 0);
    }
    runs[runs.length - 1]!++;
    prev = f;
    parts.push(SEPARATOR, spec.indent);
    pushJsonFinding(parts, f, spec.indent);
    let counts = tallies.get(f.controls);
    if (!counts) {
      counts = new Array<number>(SEVERITIES.length * COUNTERS.length).fill(0);
      tallies.set(f.controls, counts);
    }
    counts[SEVERITY_INDEX.get(f.severity)! * COUNTERS.length + COUNTER_INDEX.get(counterOf(f))!]!++;
  }
  flush();
  const tallyRows: number[] = [];
  for (const [controls, counts] of tallies) {
    const joined = str(controls.join('\u0000'));
    counts.forEach((n, i) => {
      if (n > 0) tallyRows.push(str(SEVERITIES[Math.floor(i / COUNTERS.length)]!), joined, i % COUNTERS.length, n);
    });
  }
  // An exact copy: it is posted to another thread, and the scratch space is this thread's.
  const text = new Uint8Array(used);
  text.set(scratch.subarray(0, used));
  if (scratch.length > 1 << 24) scratch = Buffer.allocUnsafe(1 << 20);
  return { text, strings, runs: Int32Array.from(runs), tallies: Int32Array.from(tallyRows) };
}

/** Findings in a printed batch. */
export function renderedCount(r: RenderedFindings): number {
  let n = 0;
  for (let i = RUN_STRIDE - 1; i < r.runs.length; i += RUN_STRIDE) n += r.runs[i]!;
  return n;
}

/** Each tally row of a printed batch: severity, controls, counter, findings. */
export function* renderedTallies(
  r: RenderedFindings,
): Generator<[severity: Severity, controls: readonly string[], counter: keyof Tally, n: number]> {
  const t = r.tallies;
  for (let i = 0; i < t.length; i += TALLY_STRIDE) {
    const controls = r.strings[t[i + 1]!]!;
    yield [r.strings[t[i]!] as Severity, controlsOf(controls), COUNTERS[t[i + 2]!]!, t[i + 3]!];
  }
}

const controlLists = new Map<string, readonly string[]>();

/** Controls joined by NUL, as a list (one list per distinct text: the roll-up resolves each list once). */
function controlsOf(joined: string): readonly string[] {
  let list = controlLists.get(joined);
  if (!list) {
    list = joined === '' ? [] : joined.split('\u0000');
    if (controlLists.size > 10_000) controlLists.clear();
    controlLists.set(joined, list);
  }
  return list;
}
