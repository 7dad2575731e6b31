import { describe, expect, it } from 'vitest';
import { ConditionModel } from './conditions.js';

const eq = (a: unknown, b: unknown) => ({ 'Fn::Equals': [a, b] });
const ref = (name: string) => ({ Ref: name });

describe('ConditionModel', () => {
  const params = {
    Env: { Type: 'String', Default: 'prod' },
    Tier: { Type: 'String', AllowedValues: ['gold', 'silver', 'bronze'] },
    Only: { Type: 'String', AllowedValues: ['one'] },
  };
  const model = new ConditionModel(
    {
      Always: eq(0, 0),
      Never: eq('a', 'b'),
      NotNever: { 'Fn::Not': [{ Condition: 'Never' }] },
      Both: { 'Fn::And': [{ Condition: 'Always' }, { Condition: 'NotNever' }] },
      IsProd: eq(ref('Env'), 'prod'),
      IsNotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      IsDev: eq('dev', ref('Env')),
      ProdAndNever: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'Never' }] },
      ProdOrAlways: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'Always' }] },
      Gold: eq(ref('Tier'), 'gold'),
      IsOne: eq(ref('Only'), 'one'),
      East: eq(ref('AWS::Region'), 'us-east-1'),
      Opaque: eq({ 'Fn::Select': [0, ref('Env')] }, 'x'),
      LoopA: { Condition: 'LoopB' },
      LoopB: { Condition: 'LoopA' },
    },
    params,
  );

  it('decides conditions built from literals, and Not/And/Or of decided ones', () => {
    expect(model.staticValue('Always')).toBe(true);
    expect(model.staticValue('Never')).toBe(false);
    expect(model.staticValue('NotNever')).toBe(true);
    expect(model.staticValue('Both')).toBe(true);
    // Short-circuits: false AND unknown is false, unknown OR true is true.
    expect(model.staticValue('ProdAndNever')).toBe(false);
    expect(model.staticValue('ProdOrAlways')).toBe(true);
  });

  it('leaves parameter-dependent conditions unknown, defaults notwithstanding', () => {
    expect(model.staticValue('IsProd')).toBeUndefined();
    expect(model.staticValue('IsNotProd')).toBeUndefined();
    expect(model.staticValue('East')).toBeUndefined();
    expect(model.staticValue('Opaque')).toBeUndefined();
    expect(model.unknownNames).toContain('IsProd');
    expect(model.unknownNames).not.toContain('Always');
  });

  it('treats a parameter with a single allowed value as known', () => {
    expect(model.staticValue('IsOne')).toBe(true);
  });

  it('survives circular conditions (unknown, no stack overflow)', () => {
    expect(model.staticValue('LoopA')).toBeUndefined();
  });

  it('enumerates consistent worlds: IsProd and IsNotProd never agree, IsProd and IsDev never both hold', () => {
    const { worlds, truncated } = model.worlds(['IsProd', 'IsNotProd', 'IsDev']);
    expect(truncated).toBe(false);
    const seen = worlds.map((w) => [w.values.get('IsProd'), w.values.get('IsNotProd'), w.values.get('IsDev')]);
    for (const [prod, notProd, dev] of seen) {
      expect(notProd).toBe(!prod);
      expect(prod && dev).toBe(false);
    }
    // prod; dev; something else.
    expect(seen).toHaveLength(3);
  });

  it('uses AllowedValues as the domain of a parameter', () => {
    const { worlds } = model.worlds(['Gold']);
    expect(worlds.map((w) => w.values.get('Gold')).sort()).toEqual([false, true]);
  });

  it('leaves statically known conditions out of the worlds', () => {
    expect(model.worlds(['Always', 'Never']).worlds).toEqual([]);
    const { worlds } = model.worlds(['Always', 'IsProd']);
    expect(worlds.every((w) => !w.values.has('Always'))).toBe(true);
  });

  it('caps the number of worlds and says so', () => {
    const conditions: Record<string, unknown> = {};
    const parameters: Record<string, unknown> = {};
    for (let i = 0; i < 8; i++) {
      parameters[`P${i}`] = { Type: 'String' };
      conditions[`C${i}`] = eq(ref(`P${i}`), 'on');
    }
    const big = new ConditionModel(conditions, parameters);
    const names = Object.keys(conditions);
    const capped = big.worlds(names, 32);
    expect(capped.worlds).toHaveLength(32);
    expect(capped.truncated).toBe(true);
    // The first worlds cover every value of every condition.
    for (const n of names) expect(new Set(capped.worlds.map((w) => w.values.get(n))).size).toBe(2);
    expect(big.worlds(names, 256)).toMatchObject({ truncated: false });
    expect(big.worlds(names, 256).worlds).toHaveLength(256);
  });

  it('honours pinned conditions and parameters', () => {
    const pinned = new ConditionModel(
      { IsProd: eq(ref('Env'), 'prod'), UseKms: eq(ref('Kms'), 'yes') },
      { Env: {}, Kms: {} },
      { parameters: { Env: 'prod' }, conditions: { UseKms: false } },
    );
    expect(pinned.staticValue('IsProd')).toBe(true);
    expect(pinned.staticValue('UseKms')).toBe(false);
  });

  it('treats a condition that is referenced but not defined as either way', () => {
    const { worlds } = model.worlds(['Undefined']);
    expect(worlds.map((w) => w.values.get('Undefined')).sort()).toEqual([false, true]);
  });
});
