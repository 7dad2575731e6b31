import { isRec, list, type Rec, rec, str } from './records.js';

/** The `configuration` section of a plan, indexed by module call path (`kb/inner`, '' for the root). */
export class ConfigIndex {
  private readonly modules = new Map<string, Rec>();
  private readonly resources = new Map<string, Rec>();

  constructor(configuration: unknown) {
    this.walk(rec(rec(configuration).root_module), '', 0);
  }

  private walk(module: Rec, callPath: string, depth: number): void {
    if (depth > 32 || this.modules.has(callPath)) return;
    this.modules.set(callPath, module);
    for (const r of list(module.resources)) {
      if (!isRec(r)) continue;
      const mode = str(r.mode) ?? 'managed';
      const type = str(r.type);
      const name = str(r.name);
      if (type && name) this.resources.set(resourceKey(callPath, mode, type, name), r);
    }
    for (const [call, spec] of Object.entries(rec(module.module_calls))) {
      this.walk(rec(rec(spec).module), callPath ? `${callPath}/${call}` : call, depth + 1);
    }
  }

  resource(callPath: string, mode: string, type: string, name: string): Rec | undefined {
    return this.resources.get(resourceKey(callPath, mode, type, name));
  }

  /** The expression a module call passes for one of the child's input variables. */
  moduleArgument(parentCallPath: string, call: string, variable: string): unknown {
    const calls = rec(this.modules.get(parentCallPath)?.module_calls);
    return rec(rec(calls[call]).expressions)[variable];
  }

  /** The expression of a module output. */
  output(callPath: string, name: string): unknown {
    return rec(rec(this.modules.get(callPath)?.outputs)[name]).expression;
  }
}

const resourceKey = (callPath: string, mode: string, type: string, name: string) =>
  `${callPath}\u0000${mode}\u0000${type}\u0000${name}`;
