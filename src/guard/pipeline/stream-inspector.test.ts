import { describe, expect, it } from 'vitest';
import { createGuard } from '../create-guard.js';
import type { OutputStream } from '../guard-api.js';
import { literalScanner } from '../test-helpers.js';

const scanners = [literalScanner('emails', 'EMAIL_ADDRESS'), literalScanner('words', 'BANNED')];
const policy = `
input:
  - scanner: emails
    action: tokenize
    restore: true
    needles: [alice@example.com]
output:
  - scanner: emails
    needles: [bob@example.com]
  - scanner: words
    action: block
    needles: [forbidden]
`;

/** Feeds `text` in pieces of `size` and collects what the inspector releases. */
function feed(stream: OutputStream, text: string, size: number) {
  let out = '';
  for (let i = 0; i < text.length; i += size) {
    const chunk = stream.push(text.slice(i, i + size));
    out += chunk.text;
    if (chunk.blocked) return { out, blocked: true, decision: chunk.decision };
  }
  const last = stream.end();
  return { out: out + last.text, blocked: last.blocked, decision: last.decision };
}

describe('streamOutput', () => {
  const guard = createGuard({ policyText: policy, scanners });
  const text = `${'Hello there, this is a long enough answer. '.repeat(3)}Write to bob@example.com today. ${'More text follows here. '.repeat(4)}`;

  for (const size of [1, 3, 7, 50, 1000]) {
    it(`redacts a span split across deltas of ${size} character(s)`, () => {
      const r = feed(guard.streamOutput({ minRelease: 1 }), text, size);
      expect(r.blocked).toBe(false);
      expect(r.out).toBe(text.replace('bob@example.com', '[EMAIL_ADDRESS]'));
      expect(r.out).not.toContain('bob@');
      expect(r.decision).toMatchObject({ action: 'redact', direction: 'output' });
      expect(r.decision!.segments[0]!.text).toBe(r.out);
    });
  }

  it('releases text progressively, holding back only a tail', () => {
    const stream = guard.streamOutput({ holdBack: 16, minRelease: 1 });
    const first = stream.push('a'.repeat(100));
    expect(first.text).toBe('a'.repeat(84));
    expect(stream.push('b').text).toBe('a');
    expect(stream.end().text).toBe(`${'a'.repeat(15)}b`);
  });

  it('stops the stream on a block verdict and releases nothing after it', () => {
    const stream = guard.streamOutput({ holdBack: 16, minRelease: 1 });
    let released = '';
    for (const piece of `${'Safe words. '.repeat(10)}now the forb`.match(/.{1,5}/gs)!) {
      const c = stream.push(piece);
      expect(c.blocked).toBe(false);
      released += c.text;
    }
    expect(released.startsWith('Safe words.')).toBe(true);
    const hit = stream.push('idden word and more text after it to flush');
    expect(hit.blocked).toBe(true);
    expect(hit.text).toBe('');
    expect(hit.decision).toMatchObject({ blocked: true, reason: 'blocked by words (score 1.00)' });
    expect(stream.blocked).toBe(true);
    expect(stream.push('more').blocked).toBe(true);
    expect(stream.end()).toMatchObject({ text: '', blocked: true });
  });

  it('never released the blocked word before stopping', () => {
    const out: string[] = [];
    const stream = guard.streamOutput({ minRelease: 1 });
    for (const piece of `${'x'.repeat(200)} forbidden ${'y'.repeat(200)}`.match(/.{1,4}/gs)!) {
      const c = stream.push(piece);
      out.push(c.text);
      if (c.blocked) break;
    }
    expect(stream.blocked).toBe(true);
    expect(out.join('')).not.toContain('forb');
  });

  it('end() blocks on what the last scan finds in the held-back tail', () => {
    const stream = guard.streamOutput({});
    expect(stream.push('short forbidden').text).toBe('');
    expect(stream.end()).toMatchObject({ text: '', blocked: true });
  });

  it('restores session tokens in the stream even when a token is split across deltas', () => {
    const session = guard.newSession();
    const input = guard.inspectInput({ segments: [{ role: 'user', text: 'I am alice@example.com' }] }, session);
    expect(input.segments[0]!.text).toBe('I am [EMAIL_ADDRESS_1]');
    const answer = `${'Noted. '.repeat(12)}I will email [EMAIL_ADDRESS_1] now. ${'Bye. '.repeat(20)}`;
    for (const size of [1, 2, 5, 9]) {
      const r = feed(guard.streamOutput({ holdBack: 8, minRelease: 1 }, session), answer, size);
      expect(r.out).toBe(answer.replace('[EMAIL_ADDRESS_1]', 'alice@example.com'));
    }
  });

  it('rejects negative settings', () => {
    expect(() => guard.streamOutput({ holdBack: -1 })).toThrow(/holdBack must be a number/);
  });
});
