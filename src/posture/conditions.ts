/**
 * CloudFormation Conditions, evaluated as far as the template allows.
 *
 * A condition is compiled to a boolean expression over *variables*: the parameters (and pseudo parameters such as
 * `AWS::Region`) it compares with literals, plus opaque atoms for comparisons Steward cannot see into. A variable's
 * domain is its AllowedValues, or else the literals it is compared with plus "anything else". Conditions that use
 * no variable are known statically (`!Equals [0, 0]`); the others are unknown, and callers enumerate *worlds* — one
 * consistent truth value per condition — so `IsProd` and `IsNotProd: !Not [!Condition IsProd]` never both hold.
 * Parameter defaults are deliberately ignored: a default is not what every deployment uses.
 */

export type Truth = boolean | undefined;

/** Values the user pins on the command line (`--condition Name=true`, `--parameter Name=value`). */
export interface Assumptions {
  conditions?: Record<string, boolean>;
  parameters?: Record<string, string>;
}

type Expr =
  | { k: 'const'; v: boolean }
  | { k: 'cond'; name: string }
  | { k: 'not'; e: Expr }
  | { k: 'and' | 'or'; es: Expr[] }
  | { k: 'eq'; v: string; lit: string }
  | { k: 'atom'; id: string };

/** A choice of truth value for each condition that matters to one evaluation. */
export interface World {
  values: ReadonlyMap<string, boolean>;
}

export interface WorldSet {
  worlds: World[];
  /** True when more combinations exist than were enumerated (the cap was hit). */
  truncated: boolean;
}

/** The sentinel value "none of the compared literals". */
const OTHER = '\u0000other';
const BOOL_DOMAIN = ['true', 'false'];
/** Assignments of variables tried before giving up on finding more distinct worlds. */
const MAX_ASSIGNMENTS = 4096;
export const DEFAULT_WORLD_CAP = 32;

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const scalar = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

export class ConditionModel {
  private readonly exprs = new Map<string, Expr>();
  private readonly literals = new Map<string, Set<string>>();
  private readonly allowed = new Map<string, string[]>();
  private readonly staticCache = new Map<string, Truth>();
  private readonly varsCache = new Map<string, string[]>();
  private readonly parameterNames: Set<string>;

  constructor(
    conditions: Record<string, unknown>,
    parameters: Record<string, unknown> = {},
    private readonly assume: Assumptions = {},
  ) {
    for (const [name, p] of Object.entries(parameters)) {
      const av = isObj(p) ? p.AllowedValues : undefined;
      if (Array.isArray(av) && av.length > 0 && av.every((x) => scalar(x) !== undefined))
        this.allowed.set(
          name,
          av.map((x) => scalar(x)!),
        );
    }
    this.parameterNames = new Set(Object.keys(parameters));
    for (const [name, body] of Object.entries(conditions)) {
      const pinned = assume.conditions?.[name];
      this.exprs.set(name, pinned !== undefined ? { k: 'const', v: pinned } : this.compile(body));
    }
  }

  has(name: string): boolean {
    return this.exprs.has(name);
  }

  /** Conditions whose truth depends on parameters (or on something Steward cannot evaluate). */
  get unknownNames(): string[] {
    return [...this.exprs.keys()].filter((n) => this.staticValue(n) === undefined);
  }

  /** True/false when the condition does not depend on any parameter; undefined otherwise (or when undefined). */
  staticValue(name: string): Truth {
    if (this.staticCache.has(name)) return this.staticCache.get(name);
    const v = this.evalName(name, new Map(), new Set());
    this.staticCache.set(name, v);
    return v;
  }

  /** Truth of a condition under an assignment of (some) variables. */
  valueUnder(name: string, assignment: ReadonlyMap<string, string>): Truth {
    return this.evalName(name, assignment, new Set());
  }

  /** Variables a condition depends on, transitively, sorted. */
  variablesOf(name: string): string[] {
    const cached = this.varsCache.get(name);
    if (cached) return cached;
    const out = new Set<string>();
    const seen = new Set<string>();
    const walk = (e: Expr): void => {
      switch (e.k) {
        case 'eq':
          out.add(e.v);
          break;
        case 'atom':
          out.add(e.id);
          break;
        case 'not':
          walk(e.e);
          break;
        case 'and':
        case 'or':
          for (const x of e.es) walk(x);
          break;
        case 'cond':
          if (!seen.has(e.name)) {
            seen.add(e.name);
            walk(this.exprOf(e.name));
          }
          break;
      }
    };
    seen.add(name);
    walk(this.exprOf(name));
    const list = [...out].sort();
    this.varsCache.set(name, list);
    return list;
  }

  /**
   * The distinct worlds for the given conditions: each world fixes every one of them to true or false, consistently
   * with the others. Statically known conditions are left out. At most `cap` worlds; `truncated` says when more
   * exist — the caller then reports on the worlds it has and says so.
   */
  worlds(names: Iterable<string>, cap = DEFAULT_WORLD_CAP): WorldSet {
    // Simplest first (IsProd before IsNotProd): the order explanations try them in.
    const unknown = [...new Set(names)]
      .filter((n) => this.staticValue(n) === undefined)
      .sort((a, b) => this.size(a) - this.size(b) || (a < b ? -1 : a > b ? 1 : 0));
    if (unknown.length === 0) return { worlds: [], truncated: false };
    const vars = [...new Set(unknown.flatMap((n) => this.variablesOf(n)))];
    const domains = vars.map((v) => this.domainOf(v));
    const seen = new Set<string>();
    const worlds: World[] = [];
    let truncated = false;
    const consider = (assignment: Map<string, string>): boolean => {
      const values = new Map<string, boolean>();
      let key = '';
      for (const n of unknown) {
        const t = this.valueUnder(n, assignment);
        // Every variable is assigned, so only a malformed condition stays unknown; it then counts as false.
        values.set(n, t === true);
        key += t === true ? '1' : '0';
      }
      if (seen.has(key)) return true;
      if (worlds.length >= cap) {
        truncated = true;
        return false;
      }
      seen.add(key);
      worlds.push({ values });
      return true;
    };
    // Cover every value of every variable first (diagonal), so a cap still sees each value once; then enumerate.
    const widest = Math.max(...domains.map((d) => d.length));
    for (let k = 0; k < widest; k++) {
      if (!consider(new Map(vars.map((v, i) => [v, domains[i]![k % domains[i]!.length]!])))) break;
    }
    const total = domains.reduce((n, d) => n * d.length, 1);
    const limit = Math.min(total, MAX_ASSIGNMENTS);
    if (total > MAX_ASSIGNMENTS) truncated = true;
    for (let i = 0; i < limit && !truncated; i++) {
      let rest = i;
      const assignment = new Map<string, string>();
      vars.forEach((v, j) => {
        const d = domains[j]!;
        assignment.set(v, d[rest % d.length]!);
        rest = Math.floor(rest / d.length);
      });
      if (!consider(assignment)) break;
    }
    return { worlds, truncated };
  }

  /** Size of a condition's expression, references expanded once: how simple it is to explain. */
  private size(name: string): number {
    const seen = new Set<string>([name]);
    const count = (e: Expr): number => {
      switch (e.k) {
        case 'not':
          return 1 + count(e.e);
        case 'and':
        case 'or':
          return e.es.reduce((n, x) => n + count(x), 1);
        case 'cond':
          if (seen.has(e.name)) return 1;
          seen.add(e.name);
          return 1 + count(this.exprOf(e.name));
        default:
          return 1;
      }
    };
    return count(this.exprOf(name));
  }

  private domainOf(variable: string): string[] {
    if (variable.startsWith('atom:')) return BOOL_DOMAIN;
    const allowed = this.allowed.get(variable);
    if (allowed) return allowed;
    return [...(this.literals.get(variable) ?? []), OTHER];
  }

  private exprOf(name: string): Expr {
    // A condition that is referenced but not defined is unknowable: an atom of its own, both ways possible.
    return this.exprs.get(name) ?? { k: 'atom', id: `atom:undefined:${name}` };
  }

  private evalName(name: string, a: ReadonlyMap<string, string>, visiting: Set<string>): Truth {
    if (visiting.has(name)) return undefined; // circular conditions: CloudFormation rejects them; stay unknown
    visiting.add(name);
    const v = this.evalExpr(this.exprOf(name), a, visiting);
    visiting.delete(name);
    return v;
  }

  private evalExpr(e: Expr, a: ReadonlyMap<string, string>, visiting: Set<string>): Truth {
    switch (e.k) {
      case 'const':
        return e.v;
      case 'cond':
        return this.evalName(e.name, a, visiting);
      case 'not': {
        const v = this.evalExpr(e.e, a, visiting);
        return v === undefined ? undefined : !v;
      }
      case 'and': {
        let unknown = false;
        for (const x of e.es) {
          const v = this.evalExpr(x, a, visiting);
          if (v === false) return false;
          if (v === undefined) unknown = true;
        }
        return unknown ? undefined : true;
      }
      case 'or': {
        let unknown = false;
        for (const x of e.es) {
          const v = this.evalExpr(x, a, visiting);
          if (v === true) return true;
          if (v === undefined) unknown = true;
        }
        return unknown ? undefined : false;
      }
      case 'eq': {
        const value = a.get(e.v);
        if (value === undefined) {
          // A single allowed value is as good as known.
          const allowed = this.allowed.get(e.v);
          return allowed?.length === 1 ? allowed[0] === e.lit : undefined;
        }
        return value === e.lit;
      }
      case 'atom': {
        const value = a.get(e.id);
        return value === undefined ? undefined : value === 'true';
      }
    }
  }

  private compile(body: unknown): Expr {
    if (typeof body === 'boolean') return { k: 'const', v: body };
    if (!isObj(body)) return this.atom(body);
    const keys = Object.keys(body);
    if (keys.length !== 1) return this.atom(body);
    const fn = keys[0]!;
    const arg = body[fn];
    if (fn === 'Condition' && typeof arg === 'string') return { k: 'cond', name: arg };
    if (fn === 'Fn::Not' && Array.isArray(arg) && arg.length === 1) return { k: 'not', e: this.compile(arg[0]) };
    if ((fn === 'Fn::And' || fn === 'Fn::Or') && Array.isArray(arg))
      return { k: fn === 'Fn::And' ? 'and' : 'or', es: arg.map((x) => this.compile(x)) };
    if (fn === 'Fn::Equals' && Array.isArray(arg) && arg.length === 2) return this.compileEquals(arg[0], arg[1], body);
    return this.atom(body);
  }

  private compileEquals(x: unknown, y: unknown, body: unknown): Expr {
    const a = this.term(x);
    const b = this.term(y);
    if (a.lit !== undefined && b.lit !== undefined) return { k: 'const', v: a.lit === b.lit };
    const pair = a.v !== undefined && b.lit !== undefined ? [a.v, b.lit] : b.v !== undefined ? [b.v, a.lit] : undefined;
    if (pair && pair[1] !== undefined) {
      const [v, lit] = pair as [string, string];
      const set = this.literals.get(v) ?? new Set<string>();
      this.literals.set(v, set);
      set.add(lit);
      return { k: 'eq', v, lit };
    }
    if (a.v !== undefined && a.v === b.v) return { k: 'const', v: true };
    return this.atom(body);
  }

  /** A side of Fn::Equals: a literal, a parameter (or pseudo parameter) variable, or neither. */
  private term(x: unknown): { lit?: string; v?: string } {
    const s = scalar(x);
    if (s !== undefined) return { lit: s };
    if (isObj(x) && typeof x.Ref === 'string' && Object.keys(x).length === 1) {
      const name = x.Ref;
      const pinned = this.assume.parameters?.[name];
      if (pinned !== undefined) return { lit: pinned };
      if (this.parameterNames.has(name) || name.startsWith('AWS::')) return { v: name };
    }
    return {};
  }

  private atom(body: unknown): Expr {
    let id: string;
    try {
      id = `atom:${JSON.stringify(body)}`;
    } catch {
      id = 'atom:?';
    }
    return { k: 'atom', id };
  }
}
