import type { CompiledEntry, EffectivePolicy, PolicyLayer } from './compiled.js';
import type { PolicyDocument } from './schema.js';
import { mergeToolsPolicy } from './tools-schema.js';

export const DEFAULT_ROUTE = 'default';

/** The scanner that looks for the canary: with it in the output list, canaries are on unless the policy says not. */
const CANARY_SCANNER = 'system_prompt_leak';

/** Routes seen by the gateway are few; the bound only stops arbitrary caller-chosen routes from growing the cache. */
const MAX_CACHED_ROUTES = 1024;

/**
 * A loaded, validated policy. `resolve(route, apiKeyId)` merges base ← route ← API key once per pair and caches it,
 * so the hot path is two Map lookups.
 *
 * Merge rules: a layer's `input`/`output` entries replace the entry with the same `id ?? scanner` in place (or are
 * appended when new; `enabled: false` removes it); `limits` merge key by key; `tools` merge as mergeToolsPolicy says;
 * `outputSinks`, `failMode` and `canary` replace. The API key layer applies after the route layer, so it wins.
 */
export class GuardPolicy {
  private readonly routeGlobs: { pattern: RegExp; name: string }[] = [];
  private readonly routeNames = new Map<string, string>();
  private readonly effective = new Map<string, EffectivePolicy>();

  constructor(
    /** Where the policy came from (file path or a label), used in messages. */
    readonly source: string,
    readonly document: PolicyDocument,
    private readonly base: Required<Pick<PolicyLayer, 'input' | 'output' | 'limits' | 'outputSinks' | 'failMode'>> &
      PolicyLayer,
    private readonly routes: ReadonlyMap<string, PolicyLayer>,
    private readonly apiKeys: ReadonlyMap<string, PolicyLayer>,
  ) {
    for (const name of routes.keys()) {
      if (name.includes('*')) this.routeGlobs.push({ pattern: globToRegExp(name), name });
    }
  }

  get audit(): PolicyDocument['audit'] {
    return this.document.audit;
  }

  /** The policy for a request on `route` (exact key, else the first matching `*` glob, else `default`). */
  resolve(route?: string, apiKeyId?: string): EffectivePolicy {
    const routeName = this.routeName(route);
    const keyName = apiKeyId !== undefined && this.apiKeys.has(apiKeyId) ? apiKeyId : undefined;
    const cacheKey = keyName === undefined ? routeName : `${routeName}\u0000${keyName}`;
    let policy = this.effective.get(cacheKey);
    if (!policy) {
      policy = this.merge(routeName, keyName);
      this.effective.set(cacheKey, policy);
    }
    return policy;
  }

  private routeName(route: string | undefined): string {
    if (route === undefined) return DEFAULT_ROUTE;
    if (this.routes.has(route)) return route;
    let name = this.routeNames.get(route);
    if (name === undefined) {
      name = this.routeGlobs.find((g) => g.pattern.test(route))?.name ?? DEFAULT_ROUTE;
      if (this.routeNames.size >= MAX_CACHED_ROUTES) this.routeNames.clear();
      this.routeNames.set(route, name);
    }
    return name;
  }

  private merge(routeName: string, keyName: string | undefined): EffectivePolicy {
    const layers = [this.routes.get(routeName), keyName === undefined ? undefined : this.apiKeys.get(keyName)];
    let input: readonly CompiledEntry[] = this.base.input;
    let output: readonly CompiledEntry[] = this.base.output;
    let limits = this.base.limits;
    let outputSinks = this.base.outputSinks;
    let failMode = this.base.failMode;
    let canary = this.base.canary;
    let tools = this.base.tools;
    for (const layer of layers) {
      if (!layer) continue;
      if (layer.input) input = mergeEntries(input, layer.input);
      if (layer.output) output = mergeEntries(output, layer.output);
      if (layer.limits) limits = { ...limits, ...layer.limits };
      if (layer.outputSinks) outputSinks = layer.outputSinks;
      if (layer.failMode) failMode = layer.failMode;
      if (layer.canary !== undefined) canary = layer.canary;
      tools = mergeToolsPolicy(tools, layer.tools);
    }
    const enabledOutput = output.filter((e) => e.enabled);
    return {
      route: routeName,
      apiKeyId: keyName,
      failMode,
      canary: canary ?? enabledOutput.some((e) => e.factory.name === CANARY_SCANNER),
      input: input.filter((e) => e.enabled),
      output: enabledOutput,
      limits,
      outputSinks,
      tools,
      audit: this.document.audit,
    };
  }
}

function mergeEntries(base: readonly CompiledEntry[], over: readonly CompiledEntry[]): CompiledEntry[] {
  const merged = [...base];
  for (const entry of over) {
    const i = merged.findIndex((e) => e.key === entry.key);
    if (i >= 0) merged[i] = entry;
    else merged.push(entry);
  }
  return merged;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}
