import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonPositions } from './json-positions.js';
import { parseWithPositions } from './yaml-ast.js';

function paths(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) paths(value[i], [...path, i], out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) paths(v, [...path, k], out);
  }
  return out;
}

describe('JsonPositions', () => {
  it('finds keys, items and the nearest ancestor of a missing path', () => {
    const text = '{\n  "Resources": {\n    "A": { "Type": "X", "L": [1, {"k": "v"}] },\n    "B\\"q": {}\n  }\n}';
    const p = new JsonPositions(text);
    expect(p.lineCol(['Resources'])).toEqual([2, 3]);
    expect(p.lineCol(['Resources', 'A'])).toEqual([3, 5]);
    expect(p.lineCol(['Resources', 'A', 'L', 1, 'k'])).toEqual([3, 35]);
    expect(p.lineCol(['Resources', 'A', 'Nope', 'x'])).toEqual([3, 5]);
    expect(p.lineCol(['Resources', 'B"q'])).toEqual([4, 5]);
    expect(p.lineCol([])).toEqual([1, 1]);
  });

  it('agrees with the YAML parser on every node of arbitrary JSON (property-based)', () => {
    const key = fc.string({ maxLength: 6 }).filter((k) => !k.startsWith('Fn::'));
    const doc = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(
          fc.string({ maxLength: 8 }),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        ),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.dictionary(key, doc, { maxKeys: 5 }), fc.integer({ min: 0, max: 3 }), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const json = new JsonPositions(text);
        const yaml = parseWithPositions(text);
        for (const p of paths(value)) expect(json.lineCol(p), JSON.stringify(p)).toEqual(yaml.lineCol(p));
      }),
      { numRuns: 300 },
    );
  });

  it('answers lookups in any order, across documents built one after the other (property-based)', () => {
    const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('a\\b', 'q"', 'x\n'));
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.integer(),
        fc.string({ maxLength: 4 }),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(key, tie('v'), { maxKeys: 20 }),
      ),
    })).v;
    fc.assert(
      fc.property(fc.array(fc.dictionary(key, value, { maxKeys: 20 }), { minLength: 2, maxLength: 3 }), (docs) => {
        const texts = docs.map((d) => JSON.stringify(d, null, 1));
        // Build every document before asking the first one anything: each keeps its own tape.
        const json = texts.map((t) => new JsonPositions(t));
        for (const j of json) j.lineCol([]);
        const yaml = texts.map((t) => parseWithPositions(t));
        const queries = docs.flatMap((d, i) => paths(d).map((p) => [i, p] as const));
        // A fixed shuffle: lookups jump between documents and between unrelated paths.
        queries.sort((a, b) => ((JSON.stringify(a).length * 7919) % 13) - ((JSON.stringify(b).length * 7919) % 13));
        for (const [i, p] of queries) expect(json[i]!.lineCol(p), JSON.stringify(p)).toEqual(yaml[i]!.lineCol(p));
        // Paths beyond the document stop at the nearest ancestor, and do not disturb the next lookup.
        for (const [i, p] of queries.slice(0, 5)) {
          expect(json[i]!.lineCol([...p, 'missing', 3])).toEqual(yaml[i]!.lineCol(p));
          expect(json[i]!.lineCol(p)).toEqual(yaml[i]!.lineCol(p));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('handles a document of many values (the tape grows past its first size)', () => {
    const doc = {
      Resources: Object.fromEntries(
        Array.from({ length: 5000 }, (_, i) => [`R${i}`, { Type: 'T', P: [i, { k: 'v' }] }]),
      ),
    };
    const text = JSON.stringify(doc, null, 1);
    const p = new JsonPositions(text);
    const line = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    expect(p.lineCol(['Resources', 'R4999', 'P', 1, 'k'])[0]).toBe(line('"R4999"') + 5);
    expect(p.lineCol(['Resources', 'R0'])).toEqual([line('"R0"'), 3]);
    // A smaller document built afterwards reuses the scratch space, not the first document's tape.
    const small = new JsonPositions('{\n "a": {"b": 1}\n}');
    expect(small.lineCol(['a', 'b'])).toEqual([2, 8]);
    expect(p.lineCol(['Resources', 'R2500'])).toEqual([line('"R2500"'), 3]);
  });

  it('finds the first container nested deeper than a limit while scanning (the root is depth 0)', () => {
    const text = '{\n  "a": {\n    "b": [1, {"c": []}]\n  }\n}';
    expect(new JsonPositions(text, 4).tooDeep()).toBeUndefined();
    expect(new JsonPositions(text, 3).tooDeep()).toEqual([3, 20]);
    expect(new JsonPositions(text, 2).tooDeep()).toEqual([3, 14]);
    expect(new JsonPositions(text, 1).tooDeep()).toEqual([3, 10]);
    expect(new JsonPositions(text).tooDeep()).toBeUndefined();
    // Strings that look like brackets do not count.
    expect(new JsonPositions('{"a": "[[[[", "b": {}}', 1).tooDeep()).toBeUndefined();
    // Positions still work after the depth check built the tape.
    const p = new JsonPositions(text, 1);
    p.tooDeep();
    expect(p.lineCol(['a', 'b'])).toEqual([3, 5]);
  });
});
