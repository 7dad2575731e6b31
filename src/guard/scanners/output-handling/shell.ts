/**
 * Shell in a model's output that a `shell` sink would run: destructive commands, download-and-execute, reverse
 * shells, writes to system files, and command substitution (`$(…)`, backticks) that smuggles a second command into
 * an interpolated string.
 */
import type { Span } from '../../types.js';
import { type PatternRule, runRules } from './rules.js';

const SHELL = String.raw`(?:\/(?:usr\/)?bin\/)?(?:ba|da|z|k|c|tc|fi|a)?sh`;

const RULES: readonly PatternRule[] = [
  {
    re: new RegExp(String.raw`\|\s*(?:sudo\s+(?:-\S+\s+){0,3})?${SHELL}\b`, 'g'),
    entity: 'DANGEROUS_SHELL',
    score: 1,
    why: 'pipe into a shell',
  },
  {
    re: /\b(?:curl|wget|fetch)\b[^\n|;]{0,500}\|\s*(?:sudo\s+)?(?:python[\d.]*|perl|ruby|node|php)\b/g,
    entity: 'DANGEROUS_SHELL',
    score: 1,
    why: 'download piped into an interpreter',
  },
  {
    re: /\bbase64\s+(?:-d|--decode|-D)\b[^\n|]{0,300}\|/g,
    entity: 'DANGEROUS_SHELL',
    score: 0.9,
    why: 'decode and pipe',
  },
  { re: /\/dev\/(?:tcp|udp)\//g, entity: 'DANGEROUS_SHELL', score: 1, why: 'bash network redirection' },
  {
    re: /\b(?:nc|ncat|netcat)\b[^\n;|]{0,200}\s-[a-zA-Z]*[ec]\b/g,
    entity: 'DANGEROUS_SHELL',
    score: 1,
    why: 'netcat executing a program',
  },
  { re: /\bsocat\b[^\n;|]{0,200}\bexec:/gi, entity: 'DANGEROUS_SHELL', score: 1, why: 'socat exec' },
  { re: /\b(?:ba)?sh\s+-i\b/g, entity: 'DANGEROUS_SHELL', score: 0.9, why: 'interactive shell' },
  { re: /\bmkfs(?:\.\w+)?\b/g, entity: 'DANGEROUS_SHELL', score: 1, why: 'format a file system' },
  { re: /\bdd\b[^\n;|]{0,200}\bof=\/dev\//g, entity: 'DANGEROUS_SHELL', score: 1, why: 'dd onto a device' },
  {
    re: />\s*\/dev\/(?:sd[a-z]|nvme\d|hd[a-z]|xvd[a-z]|mem|kmem)/g,
    entity: 'DANGEROUS_SHELL',
    score: 1,
    why: 'write to a raw device',
  },
  {
    re: /:\s*\(\s*\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:/g,
    entity: 'DANGEROUS_SHELL',
    score: 1,
    why: 'fork bomb',
  },
  {
    re: /\bchmod\s+(?:-R\s+)?(?:0?777|a\+rwx|[ug]?\+s)\b/g,
    entity: 'DANGEROUS_SHELL',
    score: 0.8,
    why: 'world-writable or setuid',
  },
  {
    re: />>?\s*(?:\/etc\/(?:passwd|shadow|sudoers|crontab|hosts|profile)\b|~?\/?\.ssh\/authorized_keys|~\/\.(?:bashrc|profile|zshrc)\b)/g,
    entity: 'DANGEROUS_SHELL',
    score: 1,
    why: 'write to a system or login file',
  },
  {
    re: /\b(?:cat|cp|scp|curl)\b[^\n;|]{0,200}(?:\/etc\/shadow|\.ssh\/id_[a-z0-9]+|\.aws\/credentials)/g,
    entity: 'DANGEROUS_SHELL',
    score: 0.9,
    why: 'read credentials',
  },
  {
    re: /\bkill\s+-9\s+-1\b|\bcrontab\s+-r\b/g,
    entity: 'DANGEROUS_SHELL',
    score: 0.9,
    why: 'kill everything / wipe crontab',
  },
  {
    re: /(?:^|[;&|]\s*|\bsudo\s+)(?:shutdown|reboot|halt|poweroff)\b/gm,
    entity: 'DANGEROUS_SHELL',
    score: 0.8,
    why: 'power off',
  },
  { re: /\beval\s+["'$`(]/g, entity: 'SHELL_INJECTION', score: 0.6, why: 'eval of a string' },
  { re: /\$\([^()\n]{1,500}\)/g, entity: 'SHELL_INJECTION', score: 0.7, why: 'command substitution $(…)' },
  { re: /`[^`\n]{1,500}`/g, entity: 'SHELL_INJECTION', score: 0.7, why: 'command substitution in backticks' },
];

/** `rm` with a recursive flag; the target decides the score. */
const RM = /\brm\s+((?:-{1,2}[\w-]+\s+){0,6})([^\n;&|]{0,300})/g;
const ROOT_TARGET =
  /(?:^|\s)(?:\/\*?|~\/?\*?|\$HOME\/?\*?|\*|\.\/?\*?|\/(?:etc|usr|var|bin|boot|home|root|lib)\b\S*)(?:\s|$)/;

export function findDangerousShell(text: string): Span[] {
  const spans: Span[] = [];
  runRules(text, RULES, spans);
  RM.lastIndex = 0;
  for (let m = RM.exec(text); m; m = RM.exec(text)) {
    const flags = m[1]!;
    if (!/(?:^|\s)-[a-zA-Z]*[rR]|--recursive|--no-preserve-root/.test(flags)) continue;
    const dangerous = ROOT_TARGET.test(m[2]!) || flags.includes('--no-preserve-root');
    spans.push({
      start: m.index,
      end: m.index + m[0].trimEnd().length,
      entity: 'DANGEROUS_SHELL',
      score: dangerous ? 1 : 0.8,
    });
  }
  return spans;
}
