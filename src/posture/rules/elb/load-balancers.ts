import type { Resource } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';

/** ELBv2 load balancer type; CloudFormation's default is `application`. */
export function lbType(ctx: RuleContext, lb: Resource): string {
  const t = ctx.value(lb, ['Type']);
  return typeof t === 'string' ? t.toLowerCase() : 'application';
}

/**
 * True unless the scheme is `internal`. CloudFormation's default is internet-facing, and a scheme the scan cannot
 * resolve is treated as internet-facing so an exposed balancer is never missed.
 */
export function isInternetFacing(ctx: RuleContext, lb: Resource): boolean {
  return ctx.value(lb, ['Scheme']) !== 'internal';
}

/** The load balancer a listener belongs to, when declared in the same template. */
export function listenerLoadBalancer(ctx: RuleContext, listener: Resource): Resource | undefined {
  const target = refTarget(listener.properties.LoadBalancerArn);
  const lb = target ? ctx.graph.get(listener, target) : undefined;
  return lb?.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' ? lb : undefined;
}

/** A listener's protocol; undefined when unset or not a literal. */
export function listenerProtocol(ctx: RuleContext, listener: Resource): string | undefined {
  const p = ctx.value(listener, ['Protocol']);
  return typeof p === 'string' ? p.toUpperCase() : undefined;
}

/** True when a listener action list ends in a redirect to HTTPS (authentication steps before it are allowed). */
export function redirectsToHttps(actions: unknown): boolean {
  if (!Array.isArray(actions) || actions.length === 0) return false;
  const ordered = [...actions].sort(
    (a, b) => Number((a as { Order?: unknown })?.Order ?? 0) - Number((b as { Order?: unknown })?.Order ?? 0),
  );
  const last = ordered[ordered.length - 1] as { Type?: unknown; RedirectConfig?: { Protocol?: unknown } } | undefined;
  return last?.Type === 'redirect' && last.RedirectConfig?.Protocol === 'HTTPS';
}
