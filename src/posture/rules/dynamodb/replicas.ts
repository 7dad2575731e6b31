import type { Resource } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { asArray, asString, dig } from '../../values.js';
import { decide, type Outcome, valuesAt } from '../deploy-values.js';

export interface ReplicaOutcome {
  /** The replica's Region (or its index when the Region is not a literal). */
  region: string;
  index: number;
  outcome: Outcome;
}

/** Evaluate a per-replica setting of a global table (`Replicas[i].<path>`), one outcome per replica. */
export function replicaOutcomes(
  ctx: RuleContext,
  table: Resource,
  path: readonly string[],
  test: (v: unknown) => boolean | undefined,
): ReplicaOutcome[] {
  return asArray(dig(table.properties, ['Replicas'])).map((replica, index) => ({
    region: asString(dig(replica, ['Region'])) ?? `#${index + 1}`,
    index,
    outcome: decide(valuesAt(ctx, table, ['Replicas', index, ...path]), test),
  }));
}

/** Combine replica outcomes: fail if any replica fails, unknown if any is undecidable, else pass. */
export function combine(outcomes: readonly ReplicaOutcome[]): Outcome {
  if (outcomes.some((o) => o.outcome === 'fail')) return 'fail';
  return outcomes.some((o) => o.outcome === 'unknown') ? 'unknown' : 'pass';
}
