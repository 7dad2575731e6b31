import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../util/errors.js';
import { AuditLog } from './audit-log.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'steward-audit-'));

describe('AuditLog', () => {
  it('appends one JSON line per event, batched, and close() leaves everything on disk', async () => {
    const file = join(tmp(), 'audit.jsonl');
    writeFileSync(file, '{"earlier":true}\n');
    let written = 0;
    const log = await AuditLog.open(file, { flushIntervalMs: 60_000, onWritten: (n) => (written += n) });
    for (let i = 0; i < 100; i++) log.write({ id: i, text: 'line\nbreak' });
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(2); // nothing written until a flush
    await log.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(101);
    expect(JSON.parse(lines[100]!)).toEqual({ id: 99, text: 'line\nbreak' });
    expect(written).toBe(100);
    log.write({ late: true }); // ignored after close
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(101);
  });

  it('serializes a large batch in chunks, letting other work run in between, and keeps the order', async () => {
    const file = join(tmp(), 'audit.jsonl');
    const log = await AuditLog.open(file, { flushIntervalMs: 60_000 });
    const built: number[] = [];
    let ticks = 0;
    for (let i = 0; i < 300; i++) {
      log.write(() => {
        built.push(ticks);
        return { id: i };
      });
    }
    const immediates = () =>
      new Promise<void>((r) =>
        setImmediate(() => {
          ticks++;
          r();
        }),
      );
    const flushed = log.flush();
    await Promise.all([flushed, immediates(), immediates(), immediates()]);
    // Other callbacks ran while the batch was being built: the events were not all built in one turn.
    expect(new Set(built).size).toBeGreaterThan(1);
    await log.close();
    const ids = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id);
    expect(ids).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('writes on its interval without being asked', async () => {
    const file = join(tmp(), 'audit.jsonl');
    const log = await AuditLog.open(file, { flushIntervalMs: 10 });
    log.write({ id: 'a' });
    await new Promise((r) => setTimeout(r, 60));
    expect(readFileSync(file, 'utf8')).toBe('{"id":"a"}\n');
    await log.close();
  });

  it('names the file when it cannot be opened', async () => {
    const file = join(tmp(), 'missing-dir', 'audit.jsonl');
    await expect(AuditLog.open(file)).rejects.toThrow(UserError);
    await expect(AuditLog.open(file)).rejects.toThrow(/missing-dir\/audit\.jsonl: cannot open the audit log/);
  });
});
