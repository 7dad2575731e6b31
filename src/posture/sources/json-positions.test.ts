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
});
