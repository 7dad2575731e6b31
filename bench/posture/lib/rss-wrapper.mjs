// Fallback when /usr/bin/time is missing: `node rss-wrapper.mjs <script> [args…]` runs the script in this process
// and, on exit, prints peak RSS and CPU time in GNU time's wording so the same parser reads both.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(script), ...rest];
process.on('exit', (code) => {
  const u = process.resourceUsage();
  process.stderr.write(
    `\nMaximum resident set size (kbytes): ${u.maxRSS}\nUser time (seconds): ${(u.userCPUTime / 1e6).toFixed(2)}\n` +
      `System time (seconds): ${(u.systemCPUTime / 1e6).toFixed(2)}\nExit status: ${code}\n`,
  );
});
await import(pathToFileURL(resolve(script)).href);
