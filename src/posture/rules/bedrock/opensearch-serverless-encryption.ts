import type { Resource, ResourceGraph } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { asArray, asBool, dig, isSet } from '../../values.js';

export interface EncryptionFinding {
  status: 'pass' | 'fail' | 'skip';
  message: string;
}

/** A policy's JSON text: a plain string or the template of an Fn::Sub (its `${…}` sit inside JSON strings). */
function policyText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const sub = dig(v, ['Fn::Sub']);
  const text = Array.isArray(sub) ? sub[0] : sub;
  return typeof text === 'string' ? text : undefined;
}

/** How well a `collection/<pattern>` rule matches a collection name: -1 for no match, higher is more specific. */
function matchScore(pattern: string, name: string): number {
  if (!pattern.startsWith('collection/')) return -1;
  const p = pattern.slice('collection/'.length);
  if (p === name) return Number.MAX_SAFE_INTEGER;
  if (p.endsWith('*') && name.startsWith(p.slice(0, -1))) return p.length;
  return -1;
}

/** Encryption security policies anywhere in the scan that cover the named collection, most specific first. */
function matchingPolicies(name: string, graph: ResourceGraph, ctx: RuleContext) {
  const found: { policy: Resource; doc: Record<string, unknown>; score: number }[] = [];
  for (const policy of graph.ofType('AWS::OpenSearchServerless::SecurityPolicy')) {
    if (ctx.value(policy, ['Type']) !== 'encryption') continue;
    const text = policyText(policy.properties.Policy);
    if (!text) continue;
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      continue;
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) continue;
    const scores = asArray((doc as { Rules?: unknown }).Rules)
      .filter((r) => dig(r, ['ResourceType']) === 'collection')
      .flatMap((r) => asArray(dig(r, ['Resource'])))
      .map((p) => (typeof p === 'string' ? matchScore(p, name) : -1));
    const score = Math.max(-1, ...scores);
    if (score >= 0) found.push({ policy, doc: doc as Record<string, unknown>, score });
  }
  return found.sort((a, b) => b.score - a.score);
}

/**
 * Is an OpenSearch Serverless collection encrypted with a customer managed key? Its own EncryptionConfig decides
 * when set; otherwise the most specific encryption security policy whose rules match the collection name.
 */
export function collectionEncryption(collection: Resource, graph: ResourceGraph, ctx: RuleContext): EncryptionFinding {
  const own = collection.properties.EncryptionConfig;
  if (own !== undefined) {
    if (isSet(dig(own, ['KmsKeyArn'])) && asBool(dig(own, ['AWSOwnedKey'])) !== true)
      return { status: 'pass', message: `collection ${collection.id} uses a customer managed key` };
    if (asBool(dig(own, ['AWSOwnedKey'])) === true)
      return { status: 'fail', message: `collection ${collection.id} is encrypted with an AWS owned key` };
  }
  const name = ctx.value(collection, ['Name']);
  if (typeof name !== 'string')
    return { status: 'skip', message: `the name of collection ${collection.id} is only known at deploy time` };
  const [best] = matchingPolicies(name, graph, ctx);
  if (!best)
    return {
      status: 'skip',
      message: `no encryption security policy for collection ${name} is declared in the scanned templates`,
    };
  if (best.doc.AWSOwnedKey === true || !isSet(best.doc.KmsARN))
    return {
      status: 'fail',
      message: `collection ${name} is encrypted with an AWS owned key (encryption policy ${best.policy.id})`,
    };
  return {
    status: 'pass',
    message: `collection ${name} uses a customer managed key (encryption policy ${best.policy.id})`,
  };
}
