/**
 * The policy's `tools:` section (LLM06 excessive agency): which tools a model may call, with which arguments, and
 * which need a human first. Keys are optional with no defaults, so a route or API-key override can tell "not set"
 * (inherit, see merge-tools-policy.ts) from "set to empty". Every compile-time problem (a malformed JSON Schema, a
 * bad CIDR, an invalid regex) is a zod issue at its own path, so the policy loader reports file, line and field.
 */
import { RE2JS } from 're2js';
import { z } from 'zod';
import { compileHostRules } from './host-match.js';
import { compileArgumentsSchema, type JsonSchema } from './json-schema.js';

/** A tool name, or a glob over names with `*` (`github_*`). */
const ToolName = z.string().trim().min(1, 'empty tool name');

const JsonSchemaValue = z.custom<JsonSchema>(
  (v) => typeof v === 'boolean' || (v !== null && typeof v === 'object' && !Array.isArray(v)),
  'expected a JSON Schema object',
);

export const DenyPatternsSchema = z.strictObject({
  /** Path globs no string argument may name: `/etc/**`, `**\/.ssh/**`, `*.pem`, `.env`. */
  paths: z.array(z.string().min(1)).optional(),
  /** Hosts no URL or host argument may point to: names, `*.internal`, CIDR blocks, or `private`. */
  hosts: z
    .array(z.string().min(1))
    .superRefine((hosts, ctx) => {
      hosts.forEach((h, i) => {
        try {
          compileHostRules([h]);
        } catch (e) {
          ctx.addIssue({ code: 'custom', path: [i], message: e instanceof Error ? e.message : String(e) });
        }
      });
    })
    .optional(),
  /** SQL verbs no string argument may use: `DROP`, `DELETE`, `TRUNCATE`, `UPDATE`, `GRANT`… */
  sqlVerbs: z.array(z.string().regex(/^[A-Za-z_]+$/, 'a SQL verb such as DROP or DELETE')).optional(),
  /** RE2 regular expressions (case-insensitive) no string argument may match. */
  patterns: z
    .array(z.string().min(1))
    .superRefine((patterns, ctx) => {
      patterns.forEach((p, i) => {
        try {
          RE2JS.compile(p, RE2JS.CASE_INSENSITIVE);
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          ctx.addIssue({ code: 'custom', path: [i], message: `invalid RE2 regular expression: ${why}` });
        }
      });
    })
    .optional(),
});
export type DenyPatterns = z.infer<typeof DenyPatternsSchema>;

export const ToolsPolicySchema = z.strictObject({
  /** Only these tools may be called (names or `*` globs). Absent: any tool not denied. */
  allow: z.array(ToolName).optional(),
  /** Tools that may never be called; deny wins over allow. */
  deny: z.array(ToolName).optional(),
  /** Tools whose calls are held for a human: the client gets a pending-approval response instead. */
  requireApproval: z.array(ToolName).optional(),
  /** Per tool name: a JSON Schema (draft-07) the call's arguments must satisfy. */
  arguments: z
    .record(z.string().min(1), JsonSchemaValue)
    .superRefine((schemas, ctx) => {
      for (const [tool, schema] of Object.entries(schemas)) {
        try {
          compileArgumentsSchema(schema);
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          ctx.addIssue({ code: 'custom', path: [tool], message: `invalid JSON Schema: ${why}` });
        }
      }
    })
    .optional(),
  denyPatterns: DenyPatternsSchema.optional(),
  /** Most tool calls one model response may make; the calls past it are blocked. */
  maxCalls: z.int().positive().optional(),
  /** Largest arguments (UTF-16 characters of JSON) a call may carry; default 65,536. */
  maxArgumentChars: z.int().positive().optional(),
});
export type ToolsPolicy = z.infer<typeof ToolsPolicySchema>;
