import { describe, expect, it } from 'vitest';
import { ifConditions, rawPathOf, resolveConditions, resolveProperties } from './variants.js';

const NO = { Ref: 'AWS::NoValue' };
const iff = (c: string, a: unknown, b: unknown) => ({ 'Fn::If': [c, a, b] });
const decided =
  (values: Record<string, boolean>) =>
  (c: string): boolean | undefined =>
    values[c];

describe('resolveConditions', () => {
  it('removes AWS::NoValue from objects and lists', () => {
    const raw = { A: NO, B: 1, L: [1, NO, 2], Nested: { X: NO, Y: 'y' } };
    expect(resolveProperties(raw, decided({}))).toEqual({ B: 1, L: [1, 2], Nested: { Y: 'y' } });
  });

  it('picks the branch a decided condition selects, and removes a NoValue branch', () => {
    const raw = { Key: iff('UseKms', 'arn:key', NO), L: [iff('UseKms', NO, 'x'), 'y'] };
    expect(resolveProperties(raw, decided({ UseKms: true }))).toEqual({ Key: 'arn:key', L: ['y'] });
    expect(resolveProperties(raw, decided({ UseKms: false }))).toEqual({ L: ['x', 'y'] });
  });

  it('follows nested Fn::If and keeps undecided ones (NoValue branches included)', () => {
    const raw = { V: iff('A', iff('B', 1, 2), 3), U: iff('Unknown', NO, iff('A', 'a', 'b')) };
    expect(resolveProperties(raw, decided({ A: true, B: false }))).toEqual({
      V: 2,
      U: iff('Unknown', NO, 'a'),
    });
  });

  it('shares unchanged subtrees and returns the input when nothing applies', () => {
    const inner = { Deep: { List: [1, 2, 3] } };
    const raw = { Keep: inner, Drop: NO };
    const out = resolveProperties(raw, decided({}));
    expect(out.Keep).toBe(inner);
    const untouched = { A: { B: [1] } };
    expect(resolveProperties(untouched, decided({}))).toBe(untouched);
  });

  it('treats a NoValue at the top as absent', () => {
    expect(resolveConditions(NO, decided({}))).toBeUndefined();
    expect(resolveProperties(iff('C', NO, { A: 1 }), decided({ C: true }))).toEqual({});
  });

  it('keeps __proto__ keys as data, never as a prototype', () => {
    const raw = JSON.parse('{"__proto__": {"polluted": true}, "Drop": {"Ref": "AWS::NoValue"}}');
    const out = resolveProperties(raw, decided({}));
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('rawPathOf', () => {
  it('puts decided Fn::If steps back and shifts list indexes past removed items', () => {
    const raw = { L: [NO, iff('C', NO, 'b'), 'c', iff('C', { K: 1 }, NO)], P: iff('C', { Q: 1 }, NO) };
    const choose = decided({ C: true });
    const resolved = resolveProperties(raw, choose);
    expect(resolved).toEqual({ L: ['c', { K: 1 }], P: { Q: 1 } });
    expect(rawPathOf(raw, ['L', 0], choose)).toEqual(['L', 2]);
    expect(rawPathOf(raw, ['L', 1, 'K'], choose)).toEqual(['L', 3, 'Fn::If', 1, 'K']);
    expect(rawPathOf(raw, ['P', 'Q'], choose)).toEqual(['P', 'Fn::If', 1, 'Q']);
    expect(rawPathOf(raw, ['Missing', 'x'], choose)).toEqual(['Missing', 'x']);
  });
});

describe('ifConditions', () => {
  it('lists the conditions Fn::Ifs test, at any depth', () => {
    const raw = { A: iff('X', 1, 2), B: [{ C: iff('Y', iff('Z', 1, 2), 3) }] };
    expect([...ifConditions(raw)].sort()).toEqual(['X', 'Y', 'Z']);
  });
});
