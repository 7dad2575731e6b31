import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureCatalog, sampleAssessment, sampleFindings } from '../__fixtures__/sample-assessment.js';
import { rollup } from '../assessment.js';
import { type Finding, PARTS, SEVERITIES, STATUSES } from '../finding.js';
import { renderJunit } from './junit.js';
import type { ReportContext } from './types.js';

const catalog = fixtureCatalog();
function render(findings: Finding[] = sampleFindings()): string {
  const ctx: ReportContext = { catalog, rollup: rollup(findings, catalog), failOn: 'high', color: false };
  return renderJunit(sampleAssessment(findings), ctx);
}

/**
 * A small, strict XML 1.0 reader (Node has no DOMParser): elements, attributes, text, the five predefined entities
 * and character references. It throws on anything a conforming parser would reject that our writer could produce:
 * bad characters, stray `<` or `&`, unknown entities, mismatched or unclosed tags, content after the root.
 */
interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function parseXml(xml: string): El {
  for (const ch of xml) {
    const cp = ch.codePointAt(0)!;
    if (!isXmlChar(cp)) throw new Error(`character U+${cp.toString(16)} is not allowed in XML 1.0`);
  }
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at offset ${i}`);
  };
  const isNameChar = (c: string | undefined) =>
    c !== undefined &&
    ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || '_-.:'.includes(c));
  const name = () => {
    const start = i;
    while (isNameChar(xml[i])) i++;
    if (i === start) fail('expected a name');
    return xml.slice(start, i);
  };
  const space = () => {
    while (xml[i] === ' ' || xml[i] === '\n' || xml[i] === '\t' || xml[i] === '\r') i++;
  };
  const reference = (): string => {
    const end = xml.indexOf(';', i);
    if (end < 0) fail('unterminated reference');
    const ref = xml.slice(i + 1, end);
    i = end + 1;
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    const v = ENTITIES[ref];
    if (v === undefined) fail(`unknown entity &${ref};`);
    return v!;
  };
  const element = (): El => {
    if (xml[i] !== '<') fail('expected <');
    i++;
    const el: El = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      space();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('expected whitespace between attributes');
      const key = name();
      if (key in el.attrs) fail(`duplicate attribute ${key}`);
      if (xml[i] !== '=') fail('expected =');
      i++;
      const q = xml[i];
      if (q !== '"' && q !== "'") fail('expected a quote');
      i++;
      let v = '';
      while (xml[i] !== q) {
        const c = xml[i];
        if (c === undefined) fail('unterminated attribute');
        if (c === '<') fail('< in attribute value');
        if (c === '&') v += reference();
        else {
          // Attribute-value normalisation: literal whitespace characters become spaces.
          v += c === '\n' || c === '\t' || c === '\r' ? ' ' : c;
          i++;
        }
      }
      i++;
      el.attrs[key] = v;
    }
    for (;;) {
      const c = xml[i];
      if (c === undefined) fail(`unclosed <${el.name}>`);
      if (xml.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        space();
        if (xml[i] !== '>') fail('expected >');
        i++;
        return el;
      }
      if (c === '<') el.children.push(element());
      else if (c === '&') el.text += reference();
      else if (c === '>' && xml.startsWith(']]>', i - 2)) fail(']]> in text');
      else {
        el.text += c;
        i++;
      }
    }
  };
  if (xml.startsWith('<?xml')) {
    i = xml.indexOf('?>') + 2;
    if (i < 2) fail('unterminated declaration');
  }
  space();
  const root = element();
  space();
  if (i !== xml.length) fail('content after the root element');
  return root;
}

const all = (el: El, name: string): El[] => [
  ...(el.name === name ? [el] : []),
  ...el.children.flatMap((c) => all(c, name)),
];

describe('parseXml (test helper)', () => {
  it('rejects what a conforming parser rejects', () => {
    for (const bad of ['<a b="<"/>', '<a>&</a>', '<a>&nbsp;</a>', '<a><b></a>', '<a/><b/>', '<a>\u0001</a>', '<a']) {
      expect(() => parseXml(bad), bad).toThrow();
    }
    expect(parseXml('<a x="1&#10;2">t&lt;<b/></a>')).toEqual({
      name: 'a',
      attrs: { x: '1\n2' },
      children: [{ name: 'b', attrs: {}, children: [], text: '' }],
      text: 't<',
    });
  });
});

describe('renderJunit', () => {
  it('is well-formed with one testsuite per part and one testcase per finding', () => {
    const findings = sampleFindings();
    const root = parseXml(render(findings));
    expect(root.name).toBe('testsuites');
    const parts = [...new Set(findings.map((f) => f.part))];
    const suites = all(root, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(PARTS.filter((p) => parts.includes(p)).map((p) => `steward.${p}`));
    expect(all(root, 'testcase')).toHaveLength(findings.length);
    for (const s of suites) {
      const part = s.attrs.name!.replace('steward.', '');
      expect(s.children).toHaveLength(findings.filter((f) => f.part === part).length);
    }
  });

  it('maps fail to <failure>, error to <error>, skip and suppressed to <skipped>, pass to an empty testcase', () => {
    const findings = sampleFindings();
    const root = parseXml(render(findings));
    const caseFor = (f: Finding) => all(root, 'testcase').find((c) => c.attrs.name === `${f.ruleId} ${f.resource.id}`)!;
    for (const f of findings) {
      const c = caseFor(f);
      const kids = c.children.map((k) => k.name);
      if (f.status === 'fail' && !f.suppression) expect(kids).toEqual(['failure']);
      else if (f.status === 'fail') expect(kids).toEqual(['skipped']);
      else if (f.status === 'error') expect(kids).toEqual(['error']);
      else if (f.status === 'skip') expect(kids).toEqual(['skipped']);
      else expect(kids).toEqual([]);
      expect(c.attrs.classname).toBe(`steward.${f.part}.${f.ruleId}`);
    }
    const suppressed = findings.find((f) => f.suppression)!;
    expect(caseFor(suppressed).children[0]!.attrs.message).toContain(suppressed.suppression!.reason);
    const s3 = findings.find((f) => f.ruleId === 's3-bucket-kms-encryption')!;
    const failure = caseFor(s3).children[0]!;
    expect(failure.attrs).toMatchObject({ message: s3.message, type: 'high' });
    expect(failure.text).toContain(s3.remediation);
    expect(failure.text).toContain('infra/template.yaml:12');
    expect(caseFor(s3).attrs).toMatchObject({ file: 'infra/template.yaml', line: '12' });
    // The HTML-ish parse error comes back as the same text, not as markup.
    const err = findings.find((f) => f.status === 'error')!;
    expect(caseFor(err).children[0]!.attrs.message).toBe(err.message);
  });

  it('puts correct counts on every suite and on the root', () => {
    const findings = sampleFindings();
    const root = parseXml(render(findings));
    const expectCounts = (el: El, list: Finding[]) => {
      expect(Number(el.attrs.tests)).toBe(list.length);
      expect(Number(el.attrs.failures)).toBe(list.filter((f) => f.status === 'fail' && !f.suppression).length);
      expect(Number(el.attrs.errors)).toBe(list.filter((f) => f.status === 'error').length);
      expect(Number(el.attrs.skipped)).toBe(
        list.filter((f) => f.status === 'skip' || (f.status === 'fail' && f.suppression)).length,
      );
      expect(all(el, 'failure')).toHaveLength(Number(el.attrs.failures));
      expect(all(el, 'error')).toHaveLength(Number(el.attrs.errors));
      expect(all(el, 'skipped')).toHaveLength(Number(el.attrs.skipped));
    };
    expectCounts(root, findings);
    for (const s of all(root, 'testsuite')) {
      expectCounts(
        s,
        findings.filter((f) => `steward.${f.part}` === s.attrs.name),
      );
    }
    expect(all(root, 'testsuite').find((s) => s.attrs.name === 'steward.posture')!.attrs.time).toBe('0.042');
  });

  it('escapes markup, quotes and ampersands and replaces characters XML 1.0 forbids', () => {
    const nasty = `a < b && c > d "q" 'a' ]]> \u0000\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF\uD800 tab\tnl\ncr\r end é 🔐`;
    const f: Finding = {
      ...sampleFindings()[0]!,
      ruleId: 'rule-<x>&"y"',
      message: nasty,
      remediation: nasty,
      resource: { type: 'AWS::S3::Bucket', id: `id "${nasty}"`, file: 'a&b/<c>.yaml', line: 1 },
    };
    const xml = render([f]);
    for (const ch of xml) expect(isXmlChar(ch.codePointAt(0)!), `U+${ch.codePointAt(0)!.toString(16)}`).toBe(true);
    const root = parseXml(xml);
    const tc = all(root, 'testcase')[0]!;
    const failure = tc.children[0]!;
    const visible = nasty
      .replace(/\u0000/, '\\u0000')
      .replace(/\u0001/, '\\u0001')
      .replace(/\u0008/, '\\u0008')
      .replace(/\u000B/, '\\u000B')
      .replace(/\u000C/, '\\u000C')
      .replace(/\u001F/, '\\u001F')
      .replace(/\uFFFE/, '\\uFFFE')
      .replace(/\uFFFF/, '\\uFFFF')
      .replace(/\uD800/, '\\uD800');
    // Attributes round-trip exactly, tabs and newlines included.
    expect(failure.attrs.message).toBe(visible);
    expect(tc.attrs.file).toBe('a&b/<c>.yaml');
    expect(tc.attrs.name).toBe(`rule-<x>&"y" id "${visible}"`);
    expect(failure.text).toContain(visible);
    expect(xml).not.toContain(']]>');
  });

  it('keeps valid astral characters (surrogate pairs) intact', () => {
    const f: Finding = { ...sampleFindings()[0]!, message: 'key 🔐 and 𝔘' };
    const failure = all(parseXml(render([f])), 'failure')[0]!;
    expect(failure.attrs.message).toBe('key 🔐 and 𝔘');
  });

  it('handles an empty findings list', () => {
    const xml = render([]);
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ tests: '0', failures: '0', errors: '0', skipped: '0' });
    expect(root.children).toEqual([]);
  });

  it('is well-formed for arbitrary text', () => {
    const finding = fc.record({
      ruleId: fc.string({ unit: 'binary', minLength: 1 }),
      title: fc.string(),
      severity: fc.constantFrom(...SEVERITIES),
      status: fc.constantFrom(...STATUSES),
      message: fc.string({ unit: 'binary' }),
      resource: fc.record(
        {
          type: fc.string(),
          id: fc.string({ unit: 'binary' }),
          file: fc.string({ unit: 'binary' }),
          line: fc.integer(),
        },
        { requiredKeys: ['type', 'id'] },
      ),
      controls: fc.array(fc.string()),
      part: fc.constantFrom(...PARTS),
      remediation: fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
    }) as fc.Arbitrary<Finding>;
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 10 }), (findings) => {
        const root = parseXml(render(findings));
        expect(all(root, 'testcase')).toHaveLength(findings.length);
      }),
      { numRuns: 200 },
    );
  });
});
