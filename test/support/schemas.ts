import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04Module from 'ajv-draft-04';
import addFormats from 'ajv-formats';

// CommonJS default export: under NodeNext the class sits on `.default`.
const Ajv04 = Ajv04Module.default;

/** The repository root, and the shared folder CI places beside it. */
export const repoRoot = join(import.meta.dirname, '..', '..');
export const sharedDir = join(repoRoot, '..', 'shared');

/**
 * A validator for the official SARIF 2.1.0 schema in ../shared/specs. The OASIS file declares JSON Schema draft-04,
 * so it is compiled with ajv's draft-04 build rather than edited to pass as draft-07.
 */
export function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(sharedDir, 'specs', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv04({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}
