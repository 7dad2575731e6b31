import type { Finding } from '../finding.js';
import { fingerprint } from '../fingerprint.js';
import { jsonSafe, positiveInt, toJsonFinding } from './json.js';

/**
 * A finding's JSON text, byte for byte what `JSON.stringify(toJsonFinding(f), null, 2)` prints nested at an
 * indentation, without building the JsonFinding object. A scan of 10,000 templates writes about a million
 * findings: the generic indenting serializer was the slowest part of the report. Text goes out as pieces pushed
 * to an array, joined once per chunk of findings (one flat string, where concatenation makes ropes to flatten).
 *
 * Most of a finding's text is the same for every finding of its rule (rule id, severity, title, controls, part,
 * remediation, docs): those runs are printed once per rule and reused. A finding whose fields are not the plain
 * strings a rule produces is printed from `toJsonFinding` by JSON.stringify itself.
 */

/** Characters JSON.stringify escapes in a string: quote, backslash, control characters, (lone) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON text: most need no escaping, and a template literal is much cheaper than a native call. */
const quote = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

/** A string's JSON text between its quotes. */
const inner = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s).slice(1, -1) : s);

/** A value as `JSON.stringify(value, null, 2)` prints it nested at `indent`; undefined when JSON leaves it out. */
function valueText(value: unknown, indent: string): string | undefined {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean' || value === null) return String(value);
  const text = JSON.stringify(value, null, 2) as string | undefined;
  // Strings in JSON text hold no raw newline, so every newline starts a line to indent.
  return text === undefined || !text.includes('\n') ? text : text.replaceAll('\n', `\n${indent}`);
}

/** Texts built from strings many findings share (resource types, file names), each built once; bounded. */
class TextCache {
  private readonly texts = new Map<string, string>();

  constructor(private readonly build: (s: string) => string) {}

  get(s: string): string {
    let text = this.texts.get(s);
    if (text === undefined) {
      // One scan's types and files fit many times over; a long-lived process must not grow without end.
      if (this.texts.size >= 10_000) this.texts.clear();
      text = this.build(s);
      this.texts.set(s, text);
    }
    return text;
  }
}

/** The pieces of JSON text that depend only on the indentation, built once per indentation. */
function glueFor(indent: string) {
  const i1 = `${indent}  `;
  const i2 = `${i1}  `;
  return {
    i1,
    i2,
    /** Between a top-level member and the next key's value. */
    top: (key: string) => `,\n${i1}"${key}": `,
    nested: (key: string) => `,\n${i2}"${key}": `,
    file: `",\n${i2}"file": `,
    line: `,\n${i2}"line": `,
    column: `,\n${i2}"column": `,
    path: `,\n${i2}"path": `,
    suppression: `,\n${i1}"suppression": {\n${i2}"kind": `,
    reason: `,\n${i2}"reason": `,
    source: `,\n${i2}"source": `,
    closeNested: `\n${i1}}`,
    evidence: `,\n${i1}"evidence": `,
    fingerprint: `,\n${i1}"fingerprint": "`,
    close: `"\n${indent}}`,
    /** Per resource type: from the message's closing quote to the id's opening quote. */
    typeId: new TextCache((type) => `",\n${i1}"resource": {\n${i2}"type": ${quote(type)},\n${i2}"id": "`),
    /** Per file: from the id's closing quote to the line's value. */
    fileLine: new TextCache((file) => `",\n${i2}"file": ${quote(file)},\n${i2}"line": `),
  };
}
type Glue = ReturnType<typeof glueFor>;
const glues = new Map<string, Glue>();

/** The text a rule's findings share, at one indentation. */
interface RuleText {
  ruleId: string;
  severity: string;
  title: string;
  controls: readonly string[];
  part: string;
  remediation: string | undefined;
  docs: string | undefined;
  indent: string;
  /** Per status: from `{` to the opening quote of the message. */
  head: Map<string, string>;
  /** From the end of the resource to the `suppressed` value: closes the resource, lists the controls. */
  middle: string;
  /** After the suppression: part, remediation, docs. */
  tail: string;
  /** middle, `false`, tail: the text between resource and evidence of a finding nobody suppressed. */
  unsuppressed: string;
}

/** The last RuleText built per rule id; a finding uses it only if every shared field is the same. */
const ruleTexts = new Map<unknown, RuleText>();

/** The finding's own values are the plain strings a rule produces (ruleTextOf checks the shared ones). */
function hasPlainValues(f: Finding): boolean {
  return (
    typeof f.status === 'string' &&
    typeof f.message === 'string' &&
    typeof f.resource?.type === 'string' &&
    typeof f.resource.id === 'string' &&
    (f.suppression === undefined || typeof f.suppression.kind === 'string')
  );
}

type RuleFinding = Finding & { controls: string[]; remediation: string | undefined; docs: string | undefined };

/** The fields a rule's findings share are plain strings, as every rule produces them. */
function hasPlainSharedValues(f: Finding): f is RuleFinding {
  return (
    typeof f.ruleId === 'string' &&
    typeof f.severity === 'string' &&
    typeof f.title === 'string' &&
    typeof f.part === 'string' &&
    (f.remediation === undefined || typeof f.remediation === 'string') &&
    (f.docs === undefined || typeof f.docs === 'string') &&
    isStringList(f.controls)
  );
}

/** An array of strings, without holes (JSON prints a hole as null). */
function isStringList(v: unknown): v is string[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

function sameControls(a: readonly string[], b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The text the finding's rule shares, or undefined when its shared fields are not plain strings. */
function ruleTextOf(f: Finding, indent: string, g: Glue): RuleText | undefined {
  const cached = ruleTexts.get(f.ruleId);
  // Equal to the strings of a cached entry means plain strings: only a miss needs the type checks.
  if (
    cached &&
    cached.indent === indent &&
    cached.title === f.title &&
    cached.severity === f.severity &&
    cached.part === f.part &&
    cached.remediation === f.remediation &&
    cached.docs === f.docs &&
    sameControls(cached.controls, f.controls)
  )
    return cached;
  if (!hasPlainSharedValues(f)) return undefined;
  const controls = f.controls.length ? `[\n${f.controls.map((c) => `${g.i2}${quote(c)}`).join(',\n')}\n${g.i1}]` : '[]';
  const middle = `${g.closeNested}${g.top('controls')}${controls}${g.top('suppressed')}`;
  const tail =
    `${g.top('part')}${quote(f.part)}` +
    (f.remediation !== undefined ? `${g.top('remediation')}${quote(f.remediation)}` : '') +
    (f.docs !== undefined ? `${g.top('docs')}${quote(f.docs)}` : '');
  const built: RuleText = {
    ruleId: f.ruleId,
    severity: f.severity,
    title: f.title,
    controls: [...f.controls],
    part: f.part,
    remediation: f.remediation,
    docs: f.docs,
    indent,
    head: new Map(),
    middle,
    tail,
    unsuppressed: `${middle}false${tail}`,
  };
  // Bounded like TextCache: a scan has a few hundred rules.
  if (ruleTexts.size >= 10_000) ruleTexts.clear();
  ruleTexts.set(f.ruleId, built);
  return built;
}

function headOf(t: RuleText, status: string, g: Glue): string {
  let head = t.head.get(status);
  if (head === undefined) {
    head =
      `{\n${g.i1}"ruleId": ${quote(t.ruleId)}${g.top('status')}${quote(status)}${g.top('severity')}` +
      `${quote(t.severity)}${g.top('title')}${quote(t.title)}${g.top('message')}"`;
    t.head.set(status, head);
  }
  return head;
}

/** Push the pieces of a finding's JSON text, nested at `indent`, to `out` (see the module comment). */
export function pushJsonFinding(out: string[], f: Finding, indent = ''): void {
  let g = glues.get(indent);
  if (!g) {
    g = glueFor(indent);
    glues.set(indent, g);
  }
  const t = hasPlainValues(f) ? ruleTextOf(f, indent, g) : undefined;
  if (!t) {
    out.push(valueText(toJsonFinding(f), indent)!);
    return;
  }
  const r = f.resource;
  out.push(headOf(t, f.status, g), inner(f.message), g.typeId.get(r.type), inner(r.id));
  if (typeof r.file === 'string') out.push(g.fileLine.get(r.file));
  else out.push(g.file, valueText(r.file ?? null, g.i2) ?? 'null', g.line);
  out.push(String(positiveInt(r.line) ?? null));
  const column = positiveInt(r.column);
  if (column !== undefined) out.push(g.column, String(column));
  if (r.path !== undefined) {
    const path = valueText(r.path, g.i2);
    if (path !== undefined) out.push(g.path, path);
  }
  const s = f.suppression;
  if (s === undefined) out.push(t.unsuppressed);
  else {
    out.push(t.middle, 'true', g.suppression, quote(s.kind));
    const reason = valueText(s.reason, g.i2);
    if (reason !== undefined) out.push(g.reason, reason);
    out.push(g.source, valueText(s.source ?? null, g.i2) ?? 'null', g.closeNested, t.tail);
  }
  if (f.evidence !== undefined) {
    const evidence = valueText(jsonSafe(f.evidence), g.i1);
    if (evidence !== undefined) out.push(g.evidence, evidence);
  }
  out.push(g.fingerprint, fingerprint(f), g.close);
}

/** One finding's JSON text (see pushJsonFinding). */
export function jsonFindingText(f: Finding, indent = ''): string {
  const out: string[] = [];
  pushJsonFinding(out, f, indent);
  return out.join('');
}
