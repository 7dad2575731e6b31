/**
 * Denied file paths for tool arguments. Patterns are globs: `*` = any characters but `/`, `**` = anything,
 * `?` = one character but `/`. A pattern without `/` (`*.pem`, `.env`) matches a path's last segment; one with `/`
 * matches the whole path after normalisation (`\` → `/`, `file://` removed, `.` and `..` resolved), so
 * `/srv/app/../../etc/passwd` is checked as `/etc/passwd`. Matching is case-insensitive (macOS and Windows are).
 */
import { posix } from 'node:path';
import { RE2JS } from 're2js';

export interface PathRule {
  pattern: string;
  test(path: string): boolean;
}

export function compilePathGlob(pattern: string): PathRule {
  const basenameOnly = !pattern.includes('/');
  // RE2: several `**` in one pattern would backtrack polynomially in a JavaScript RegExp.
  const re = RE2JS.compile(`^${globToRegexSource(pattern)}$`, RE2JS.CASE_INSENSITIVE | RE2JS.DOTALL);
  return {
    pattern,
    test(path) {
      return re.test(basenameOnly ? path.slice(path.lastIndexOf('/') + 1) : path);
    },
  };
}

function globToRegexSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `/**/` also matches a single `/`, as in every glob dialect.
        if (glob[i + 2] === '/') {
          out += '(?:.*/)?';
          i += 2;
        } else {
          out += '.*';
          i++;
        }
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

/** What a string argument means as a path; undefined when it cannot be one (empty, multi-line, very long). */
export function normalisePath(value: string): string | undefined {
  if (value.length === 0 || value.length > 4096 || value.includes('\n')) return undefined;
  let p = value.trim().replace(/\\/g, '/');
  if (/^file:\/\//i.test(p)) {
    try {
      p = decodeURIComponent(new URL(p).pathname);
    } catch {
      return undefined;
    }
  }
  // Windows drive letters: C:/Users/x → /c/Users/x, so globs can name them.
  p = p.replace(/^([A-Za-z]):\//, (_, d: string) => `/${d.toLowerCase()}/`);
  const normalised = posix.normalize(p);
  return normalised === '.' ? undefined : normalised.replace(/\/$/, '') || '/';
}
