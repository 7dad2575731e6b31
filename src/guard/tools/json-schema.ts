/**
 * JSON Schema validation of tool-call arguments with ajv. One ajv instance; each schema object from the policy is
 * compiled once and cached by identity, so validation on the hot path is a call to a generated function. Schema
 * `pattern`s run on re2js (linear time): a policy author cannot write a pattern that hangs the gateway.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { RE2JS } from 're2js';

// ajv-formats is CommonJS; depending on the loader its default export is the plugin or a namespace holding it.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default;

const re2Engine = Object.assign((pattern: string) => RE2JS.compile(pattern), { code: 'RE2JS.compile' });

const ajv = new Ajv({
  allErrors: false,
  // Unknown keywords (a typo such as `requird`) are policy errors; type-shape strictness would only get in the way.
  strictSchema: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  code: { regExp: re2Engine },
});
addFormats(ajv);

const compiled = new WeakMap<object, ValidateFunction>();
let booleanSchemas: { true: ValidateFunction; false: ValidateFunction } | undefined;

export type JsonSchema = Record<string, unknown> | boolean;

/** Compiles (or returns the cached) validator; throws with ajv's message when the schema is invalid. */
export function compileArgumentsSchema(schema: JsonSchema): ValidateFunction {
  if (typeof schema === 'boolean') {
    booleanSchemas ??= { true: ajv.compile(true), false: ajv.compile(false) };
    return schema ? booleanSchemas.true : booleanSchemas.false;
  }
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/** `/path must be string`: ajv errors as one readable line each. */
export function formatSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath || '/';
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
        : e.keyword === 'enum'
          ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})`
          : '';
    return `${where} ${e.message ?? e.keyword}${extra}`;
  });
}
