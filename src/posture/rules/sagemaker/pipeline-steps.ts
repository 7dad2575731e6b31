import type { Resource } from '../../graph.js';
import { dig } from '../../values.js';

export interface PipelineStep {
  name: string;
  type: string;
  arguments: Record<string, unknown>;
}

/**
 * Steps of an AWS::SageMaker::Pipeline whose definition is inline JSON (plain or inside Fn::Sub). `${…}`
 * substitutions sit inside JSON strings, so the body still parses as JSON. Undefined when it cannot be read.
 */
export function pipelineSteps(pipeline: Resource): PipelineStep[] | undefined {
  let body = dig(pipeline.properties, ['PipelineDefinition', 'PipelineDefinitionBody']);
  if (body && typeof body === 'object') {
    const sub = (body as Record<string, unknown>)['Fn::Sub'];
    body = Array.isArray(sub) ? sub[0] : sub;
  }
  if (typeof body !== 'string') return undefined;
  try {
    const def = JSON.parse(body) as { Steps?: unknown };
    if (!Array.isArray(def.Steps)) return [];
    return def.Steps.filter((s): s is Record<string, unknown> => !!s && typeof s === 'object').map((s) => ({
      name: String(s.Name ?? ''),
      type: String(s.Type ?? ''),
      arguments: (s.Arguments && typeof s.Arguments === 'object' ? s.Arguments : {}) as Record<string, unknown>,
    }));
  } catch {
    return undefined;
  }
}
