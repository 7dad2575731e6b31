import { describe, expect, it } from 'vitest';
import { compareFindings, type Finding } from './finding.js';

const f = (over: Partial<Finding>, resource: Partial<Finding['resource']> = {}): Finding => ({
  ruleId: 'r',
  title: 't',
  severity: 'low',
  status: 'fail',
  message: 'm',
  resource: { type: 'T', id: 'R', ...resource },
  controls: [],
  part: 'posture',
  ...over,
});

describe('compareFindings', () => {
  it('orders by severity, rule, file, line, resource id', () => {
    const sorted = [
      f({ severity: 'critical', ruleId: 'b' }),
      f({ severity: 'high', ruleId: 'a' }, { file: 'b.json', line: 1 }),
      f({ severity: 'high', ruleId: 'b' }, { file: 'a.json', line: 9 }),
      f({ severity: 'high', ruleId: 'b' }, { file: 'b.json', line: 2 }),
      f({ severity: 'high', ruleId: 'b' }, { file: 'b.json', line: 10, id: 'A' }),
      f({ severity: 'high', ruleId: 'b' }, { file: 'b.json', line: 10, id: 'B' }),
      f({ severity: 'info', ruleId: 'a' }),
    ];
    expect([...sorted].reverse().sort(compareFindings)).toEqual(sorted);
  });

  it('compares text by code unit, so the order does not depend on the machine’s locale', () => {
    // localeCompare would put "a" before "B" and "é" before "f"; code units put upper case and ASCII first.
    const ids = ['é', 'f', 'a', 'B', 'Z', '_x', '-x', '10', '9'];
    const sorted = ids.map((id) => f({}, { id })).sort(compareFindings);
    expect(sorted.map((x) => x.resource.id)).toEqual(['-x', '10', '9', 'B', 'Z', '_x', 'a', 'f', 'é']);
  });
});
