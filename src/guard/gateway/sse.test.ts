import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SseEvent, SseParser, SseTooLargeError } from './sse.js';

function parseIn(pieces: Buffer[]): { events: SseEvent[]; partial: boolean } {
  const p = new SseParser();
  const events = pieces.flatMap((b) => p.push(b));
  return { events, partial: p.partial };
}

describe('SseParser', () => {
  it('reads data events, joins multi-line data, keeps event names and skips comments', () => {
    const text = ': keep-alive\n\ndata: {"a":1}\n\nevent: ping\ndata: line1\ndata: line2\n\ndata: [DONE]\n\n';
    expect(parseIn([Buffer.from(text)]).events).toEqual([
      { data: '{"a":1}' },
      { event: 'ping', data: 'line1\nline2' },
      { data: '[DONE]' },
    ]);
  });

  it('accepts CRLF and CR line endings, also split between chunks', () => {
    expect(parseIn([Buffer.from('data: x\r'), Buffer.from('\n\r\ndata: y\r\r')]).events).toEqual([
      { data: 'x' },
      { data: 'y' },
    ]);
  });

  it('gives the same events however the bytes are cut, including inside UTF-8 sequences', () => {
    const event = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !/[\r\n]/.test(s));
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (datas, cuts) => {
          const bytes = Buffer.from(datas.map((d) => `data: ${d}\n\n`).join(''));
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const pieces: Buffer[] = [];
          let at = 0;
          for (const p of points) {
            pieces.push(bytes.subarray(at, p));
            at = p;
          }
          pieces.push(bytes.subarray(at));
          const { events, partial } = parseIn(pieces);
          expect(events.map((e) => e.data)).toEqual(datas);
          expect(partial).toBe(false);
        },
      ),
    );
  });

  it('reports an unfinished event as partial', () => {
    expect(parseIn([Buffer.from('data: {"half":')]).partial).toBe(true);
  });

  it('refuses an event larger than its bound instead of buffering without end', () => {
    const p = new SseParser(100);
    expect(() => p.push(Buffer.from(`data: ${'x'.repeat(200)}`))).toThrow(SseTooLargeError);
  });
});
