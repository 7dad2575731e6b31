import type { Resource, ResourceGraph } from '../../graph.js';
import { refTarget } from '../../sources/intrinsics.js';
import { asArray, dig } from '../../values.js';

/**
 * True when every endpoint-config variant in the template that hosts this model is serverless. Serverless
 * inference supports neither VPC configuration nor network isolation, so model rules about them do not apply.
 * False when nothing in the template hosts the model (it may be hosted elsewhere, on instances).
 */
export function hostedOnlyServerless(model: Resource, graph: ResourceGraph): boolean {
  const variants = graph
    .referencing(model, 'AWS::SageMaker::EndpointConfig')
    .flatMap((cfg) => [
      ...asArray(cfg.properties.ProductionVariants),
      ...asArray(cfg.properties.ShadowProductionVariants),
    ])
    .filter((v) => refTarget(dig(v, ['ModelName'])) === model.id);
  return variants.length > 0 && variants.every((v) => dig(v, ['ServerlessConfig']) !== undefined);
}
