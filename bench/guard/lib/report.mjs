/** Turns the bench results into a terminal table and the Markdown of results/latest.md. */

const ms = (v) => (Number.isFinite(v) ? v.toFixed(3) : '—');
const int = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : '—');

function statusSummary(statuses, errors) {
  const parts = Object.entries(statuses).map(([code, n]) => `${code}: ${n}`);
  if (errors) parts.push(`errors: ${errors}`);
  return parts.join(', ');
}

function rows(results) {
  const direct = results.find((r) => r.name === 'direct');
  return results.map((r) => {
    const l = r.latency.latency;
    const added = (q) => (direct && r.name !== 'direct' ? l[q] - direct.latency.latency[q] : Number.NaN);
    return {
      // Below the offered rate the target queued requests: its latency is mostly waiting, not per-request cost.
      name: r.latency.rate && r.latency.throughput < 0.95 * r.latency.rate ? `${r.name} (overloaded)` : r.name,
      p50: l.p50,
      p90: l.p90,
      p99: l.p99,
      addedP50: added('p50'),
      addedP99: added('p99'),
      rps: r.throughput.throughput,
      satP50: r.throughput.latency.p50,
      satP99: r.throughput.latency.p99,
      cpu: r.cpuUsPerRequest,
      rss: r.rssMb,
      statuses: statusSummary(r.latency.statuses, r.latency.errors + r.throughput.errors),
      notes: r.notes,
    };
  });
}

const HEAD = [
  'target',
  'p50 ms',
  'p90 ms',
  'p99 ms',
  'added p50',
  'added p99',
  'max req/s',
  'p50 @max',
  'p99 @max',
  'CPU µs/req',
  'RSS MB',
];

function cells(r) {
  return [
    r.name,
    ms(r.p50),
    ms(r.p90),
    ms(r.p99),
    ms(r.addedP50),
    ms(r.addedP99),
    int(r.rps),
    ms(r.satP50),
    ms(r.satP99),
    int(r.cpu),
    Number.isFinite(r.rss) ? r.rss.toFixed(0) : '—',
  ];
}

function verdicts(table) {
  const steward = table.find((r) => r.name.startsWith('steward'));
  const portkey = table.find((r) => r.name.startsWith('portkey'));
  const lines = [];
  if (steward && portkey) {
    lines.push(
      `Steward ÷ Portkey: added p50 ${ratio(steward.addedP50, portkey.addedP50)}, added p99 ${ratio(steward.addedP99, portkey.addedP99)} (lower is better); max req/s ${ratio(steward.rps, portkey.rps)}, CPU per request ${ratio(steward.cpu, portkey.cpu)}.`,
    );
  }
  if (steward) {
    const mark = (ok) => (ok ? 'met' : 'NOT met');
    lines.push(`Target added p99 ≤ 2 ms: ${ms(steward.addedP99)} ms, ${mark(steward.addedP99 <= 2)}.`);
    lines.push(`Target ≥ 3,000 req/s: ${int(steward.rps)} req/s, ${mark(steward.rps >= 3000)}.`);
    if (portkey) {
      const asFast = steward.addedP99 <= portkey.addedP99 && steward.rps >= portkey.rps;
      lines.push(`Target at least as fast as Portkey (added p99 and req/s): ${mark(asFast)}.`);
    }
  }
  return lines;
}

export function formatReport({ facts, settings, results, skipped, commands, remarks = [] }) {
  const table = rows(results);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...table.map((r) => cells(r)[i].length)));
  const line = (cols) => cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const terminal = [
    line(HEAD),
    ...table.map((r) => line(cells(r))),
    '',
    ...verdicts(table),
    ...skipped.map((s) => `Skipped ${s.name}: ${s.reason}`),
    ...remarks,
  ].join('\n');

  const md = [];
  md.push('# Guard gateway speed: direct vs Portkey vs Steward', '');
  const load = Math.max(...[facts.loadBefore, facts.loadAfter].map((l) => Number(String(l).split(' ')[0])));
  const cores = Number.parseInt(facts.cpu, 10);
  if (load > cores) {
    md.push(
      `> **Busy machine:** the 1-minute load average reached ${load} on ${cores} cores while this ran, so other work ` +
        'competed with the bench: absolute numbers are pessimistic and noisy; CPU µs/req is the least affected column.',
      '',
    );
  }
  md.push(
    `Latency columns: open loop at ${settings.rate} req/s${settings.rateAuto ? " (`--rate auto`: half the slowest target's max req/s)" : ''}, ` +
      `at most ${settings.latencyConcurrency} in flight, measured from each request's scheduled send time. ` +
      '"added" = the target\'s percentile minus the direct percentile. "max req/s", "p50/p99 @max": closed loop with ' +
      `${settings.throughputConcurrency} connections. Each run: ${settings.warmupMs / 1000} s warm-up + ${settings.durationMs / 1000} s measured. ` +
      "CPU µs/req: the process's user+system CPU over the throughput run divided by its requests (for direct: the " +
      "upstream's, the cost of a bare Node HTTP exchange on this machine). All processes " +
      '(load generator, upstream, gateway) share the same cores.',
    '',
  );
  md.push(`| ${HEAD.join(' | ')} |`, `| ${HEAD.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const r of table) md.push(`| ${cells(r).join(' | ')} |`);
  md.push('');
  for (const v of verdicts(table)) md.push(`- ${v}`);
  for (const s of skipped) md.push(`- Skipped **${s.name}**: ${s.reason}`);
  for (const r of remarks) md.push(`- ${r}`);
  md.push('', '## Responses', '');
  md.push('| target | status counts (latency run) | smoke: benign / PII / injection |', '| --- | --- | --- |');
  for (const r of table) {
    const n = r.notes ?? {};
    md.push(
      `| ${r.name} | ${r.statuses} | ${n.benign ? `${n.benign} / ${n.pii ?? '—'} / ${n.injection ?? '—'}` : '—'} |`,
    );
  }
  md.push('', '## Workload', '');
  md.push(
    `${settings.requests} OpenAI Chat Completions bodies (seed ${settings.seed}), each a short system prompt and a ~1 KB user ` +
      `prompt: ${settings.kinds.benign} benign, ${settings.kinds.pii} with PII (emails, phones, a card number, an SSN), ` +
      `${settings.kinds.injection} prompt-injection attempts, sent round-robin. Steward policy: \`${settings.policy}\`. ` +
      'Upstream: `lib/upstream.mjs`, a Node HTTP server returning a fixed completion at once.',
    '',
  );
  md.push('## Machine', '');
  for (const [k, v] of Object.entries(facts)) md.push(`- ${k}: ${v}`);
  md.push('', '## Commands', '', '```sh');
  for (const [k, v] of Object.entries(commands)) md.push(`# ${k}`, v);
  md.push('```', '');
  return { terminal, markdown: md.join('\n') };
}
