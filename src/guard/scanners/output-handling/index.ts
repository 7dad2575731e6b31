import { z } from 'zod';
import type { Scanner, ScannerFactory, ScanResult, Span } from '../../types.js';
import { codeRanges, type Range } from './code-ranges.js';
import { findUnsafeHtml } from './html.js';
import { findUnsafeLinks } from './links.js';
import { findDangerousShell } from './shell.js';
import { maxScore, mergeOverlapping } from './spans.js';
import { findDangerousSql } from './sql.js';
import { DomainAllowList, normaliseHost } from './urls.js';

export const OUTPUT_SINKS = ['sql', 'shell', 'html', 'markdown'] as const;

const OutputHandlingOptions = z.strictObject({
  /**
   * Hosts links and images may point to (`example.com` includes its subdomains). Empty: images from any external
   * host are flagged and links only when they carry data.
   */
  allowDomains: z
    .array(
      z
        .string()
        .trim()
        .refine((d) => normaliseHost(d.replace(/^\*\./, '')) !== '', 'not a domain name'),
    )
    .default([]),
  /** Sinks assumed for every route, added to the route's `outputSinks` (`sql` and `shell` turn on those checks). */
  sinks: z.array(z.enum(OUTPUT_SINKS)).default([]),
  /** Check HTML (scripts, event handlers, frames…). */
  html: z.boolean().default(true),
  /** Check Markdown links and images and bare URLs. */
  links: z.boolean().default(true),
});
type OutputHandlingOptions = z.infer<typeof OutputHandlingOptions>;

const NOTHING: ScanResult = { score: 0, spans: [] };
const NO_RANGES: readonly Range[] = [];

/**
 * LLM05 improper output handling: what a downstream renderer or interpreter would execute or load. HTML and links
 * are always checked (skipping Markdown code, which renders as text, unless the sink is raw `html`); SQL and shell
 * only when the route declares that sink. HTML and link spans carry a sanitised `replacement`, so `redact`
 * neutralises them in place; SQL and shell spans get the `[ENTITY]` placeholder.
 */
export const outputHandlingScanner: ScannerFactory<OutputHandlingOptions> = {
  name: 'output_handling',
  description: 'HTML/JS, exfiltrating images and links, and SQL or shell fragments bound for an interpreter.',
  owasp: ['LLM05', 'LLM02'],
  directions: ['output'],
  defaultAction: 'redact',
  defaultThreshold: 0.5,
  options: OutputHandlingOptions,
  create(options): Scanner {
    const allow = new DomainAllowList(options.allowDomains);
    return {
      name: 'output_handling',
      scan(text, ctx) {
        if (text.length === 0) return NOTHING;
        const sinks = new Set<string>(options.sinks);
        for (const s of ctx.outputSinks ?? []) sinks.add(s);
        const skip = sinks.has('html') ? NO_RANGES : codeRanges(text);
        const spans: Span[] = [];
        if (options.html) spans.push(...findUnsafeHtml(text, { allow, skip }));
        if (options.links) spans.push(...findUnsafeLinks(text, { allow, skip }));
        if (sinks.has('sql')) spans.push(...findDangerousSql(text));
        if (sinks.has('shell')) spans.push(...findDangerousShell(text));
        if (spans.length === 0) return NOTHING;
        const merged = mergeOverlapping(spans);
        const entities = [...new Set(merged.map((s) => s.entity))];
        return { score: maxScore(merged), spans: merged, details: { entities, sinks: [...sinks] } };
      },
    };
  },
};
