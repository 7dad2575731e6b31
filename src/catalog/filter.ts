import { UserError } from '../util/errors.js';
import type { Catalog } from './catalog.js';
import type { Control, FrameworkId } from './schema.js';

export interface ControlFilter {
  layer?: string;
  framework?: string;
  scope?: number;
  /** OWASP LLM id, 2025 (`LLM01`) or 2023 alias (`LLM06:2023`). */
  owasp?: string;
}

/** Controls matching every given filter, in catalog order. Unknown OWASP ids are a usage error. */
export function filterControls(catalog: Catalog, f: ControlFilter): Control[] {
  let owaspId: string | undefined;
  if (f.owasp) {
    const req = catalog.requirement('owasp-llm-2025', f.owasp.trim());
    if (!req)
      throw new UserError(
        `--owasp: unknown OWASP LLM risk "${f.owasp}"; use LLM01…LLM10 or a 2023 id such as LLM06:2023`,
      );
    owaspId = req.id;
  }
  return catalog.controls.filter(
    (c) =>
      (!f.layer || c.layer === f.layer) &&
      (!f.framework || (c.mappings[f.framework as FrameworkId]?.length ?? 0) > 0) &&
      (f.scope === undefined || (c.scopes as number[]).includes(f.scope)) &&
      (!owaspId || (c.mappings['owasp-llm-2025'] ?? []).includes(owaspId)),
  );
}
