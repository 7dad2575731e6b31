import { describe, expect, it } from 'vitest';
import { createGuard } from '../create-guard.js';

const context = ['The Model X battery lasts 12 hours and charges in 90 minutes over USB-C.'];
const ungrounded =
  'The Model X battery lasts 48 hours. It was designed by a team in Oslo in 1987 and won three design awards.';

function guardWith(action: string, direction: 'input' | 'output' = 'output') {
  return createGuard({
    policyText: `version: 1\n${direction}:\n  - scanner: grounding\n    action: ${action}\n    threshold: 0.3\n`,
  });
}

describe('disclaimer action', () => {
  it('appends the grounding disclaimer once after the answer and keeps the text', () => {
    const d = guardWith('disclaimer').inspectOutput({ segments: [{ role: 'assistant', text: ungrounded }], context });
    expect(d.action).toBe('disclaimer');
    expect(d.blocked).toBe(false);
    expect(d.changed).toBe(true);
    const out = d.segments[0]!.text;
    expect(out.startsWith(ungrounded)).toBe(true);
    expect(out.length).toBeGreaterThan(ungrounded.length + 10);
    expect(out.slice(ungrounded.length)).toMatch(/^\n\n\S/);
  });

  it('adds nothing when the answer is grounded in the context', () => {
    const text = 'The Model X battery lasts 12 hours and charges in 90 minutes over USB-C.';
    const d = guardWith('disclaimer').inspectOutput({ segments: [{ role: 'assistant', text }], context });
    expect(d.action).toBe('allow');
    expect(d.segments[0]!.text).toBe(text);
  });

  it('ends a stream with the disclaimer after the released text', () => {
    const g = guardWith('disclaimer');
    const s = g.streamOutput({ context });
    let out = '';
    for (let i = 0; i < ungrounded.length; i += 7) out += s.push(ungrounded.slice(i, i + 7)).text;
    const last = s.end();
    out += last.text;
    expect(last.decision?.action).toBe('disclaimer');
    expect(out.startsWith(ungrounded)).toBe(true);
    expect(out.length).toBeGreaterThan(ungrounded.length);
  });

  it('is refused on input, naming the field', () => {
    expect(() =>
      createGuard({ policyText: 'version: 1\ninput:\n  - scanner: prompt_injection\n    action: disclaimer\n' }),
    ).toThrow(/action.*disclaimer appends text to the model output/s);
  });
});
