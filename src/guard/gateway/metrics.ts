/**
 * Prometheus metrics for `/metrics` (text exposition format 0.0.4), kept in plain maps: a counter increment is one
 * Map lookup. Label values come from small closed sets (route names, scanner names, actions, error codes), never
 * from callers, so cardinality stays bounded.
 */

type Labels = readonly string[];

abstract class Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  abstract render(out: string[]): void;

  protected labels(values: Labels, extra?: string): string {
    const parts = this.labelNames.map((n, i) => `${n}="${escapeLabel(values[i] ?? '')}"`);
    if (extra) parts.push(extra);
    return parts.length ? `{${parts.join(',')}}` : '';
  }
}

export class Counter extends Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  inc(labels: Labels = [], by = 1): void {
    const key = labels.join('\u0000');
    const v = this.values.get(key);
    if (v) v.value += by;
    else this.values.set(key, { labels: [...labels], value: by });
  }

  get(labels: Labels = []): number {
    return this.values.get(labels.join('\u0000'))?.value ?? 0;
  }

  render(out: string[]): void {
    out.push(`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`);
    for (const { labels, value } of this.values.values()) out.push(`${this.name}${this.labels(labels)} ${value}`);
  }
}

export class Gauge extends Metric {
  value = 0;

  render(out: string[]): void {
    out.push(`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, `${this.name} ${this.value}`);
  }
}

/** Buckets in seconds, fine at the low end where the guard's own overhead lives. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export class Histogram extends Metric {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    private readonly buckets: readonly number[] = LATENCY_BUCKETS,
  ) {
    super(name, help, labelNames);
  }

  observe(labels: Labels, value: number): void {
    const key = labels.join('\u0000');
    let s = this.series.get(key);
    if (!s) {
      s = { labels: [...labels], counts: new Array(this.buckets.length).fill(0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    for (let i = 0; i < this.buckets.length; i++) {
      if (value <= this.buckets[i]!) {
        s.counts[i]!++;
        break;
      }
    }
    s.sum += value;
    s.count++;
  }

  render(out: string[]): void {
    out.push(`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`);
    for (const s of this.series.values()) {
      let cumulative = 0;
      for (let i = 0; i < this.buckets.length; i++) {
        cumulative += s.counts[i]!;
        out.push(`${this.name}_bucket${this.labels(s.labels, `le="${this.buckets[i]}"`)} ${cumulative}`);
      }
      out.push(`${this.name}_bucket${this.labels(s.labels, 'le="+Inf"')} ${s.count}`);
      out.push(`${this.name}_sum${this.labels(s.labels)} ${s.sum}`);
      out.push(`${this.name}_count${this.labels(s.labels)} ${s.count}`);
    }
  }
}

export class GatewayMetrics {
  readonly requests = new Counter(
    'steward_guard_requests_total',
    'Model requests handled, by route, outcome action and HTTP status.',
    ['route', 'action', 'status'],
  );
  readonly duration = new Histogram(
    'steward_guard_request_duration_seconds',
    'Request latency seen by the client (to the last byte).',
    ['route'],
  );
  readonly overhead = new Histogram(
    'steward_guard_overhead_seconds',
    'Latency the gateway adds to non-streamed requests: total minus time waiting for the upstream.',
    ['route'],
  );
  readonly upstreamDuration = new Histogram(
    'steward_guard_upstream_duration_seconds',
    'Upstream time to the last response byte.',
    ['route'],
  );
  readonly scanSeconds = new Histogram(
    'steward_guard_scan_seconds',
    'Time in guard scanners per request (input plus output).',
    ['route'],
  );
  readonly verdicts = new Counter(
    'steward_guard_verdicts_total',
    'Scanner verdicts that detected something, by direction, scanner and action taken.',
    ['direction', 'scanner', 'action'],
  );
  readonly blocked = new Counter(
    'steward_guard_blocked_total',
    'Requests or responses blocked, by route and direction.',
    ['route', 'direction'],
  );
  readonly toolCalls = new Counter('steward_guard_tool_calls_total', 'Tool calls checked, by decision.', ['decision']);
  readonly errors = new Counter('steward_guard_errors_total', 'Error responses, by route and error code.', [
    'route',
    'code',
  ]);
  readonly tokens = new Counter('steward_guard_tokens_total', 'Tokens reported by the upstream, by route and kind.', [
    'route',
    'kind',
  ]);
  readonly inFlight = new Gauge('steward_guard_in_flight_requests', 'Requests being handled now.', []);
  readonly auditEvents = new Counter('steward_guard_audit_events_total', 'Audit events written.', []);
  readonly auditErrors = new Counter('steward_guard_audit_write_errors_total', 'Failed audit log writes.', []);

  private readonly all: Metric[] = [
    this.requests,
    this.duration,
    this.overhead,
    this.upstreamDuration,
    this.scanSeconds,
    this.verdicts,
    this.blocked,
    this.toolCalls,
    this.errors,
    this.tokens,
    this.inFlight,
    this.auditEvents,
    this.auditErrors,
  ];

  render(): string {
    const out: string[] = [];
    for (const m of this.all) m.render(out);
    return `${out.join('\n')}\n`;
  }
}

function escapeLabel(v: string): string {
  return v.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}
