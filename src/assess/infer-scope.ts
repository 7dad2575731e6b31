import type { Scope } from '../catalog/schema.js';
import type { ScopeDecision } from '../findings/assessment.js';
import type { ResourceGraph } from '../posture/graph.js';
import { pipelineSteps } from '../posture/rules/sagemaker/pipeline-steps.js';

const where = (r: { type: string; id: string; position: { file: string } }) =>
  `${r.type} ${r.id} in ${r.position.file}`;

/**
 * Infer the GenAI scoping-matrix scope from what the templates deploy: training or customisation → 4 (fine-tuned;
 * only a declaration can say 5, since a template cannot show that no pre-trained weights are used), a model hosted or
 * invoked through Bedrock/SageMaker → 3. Returns undefined when the templates show no model use at all.
 */
export function inferScope(graph: ResourceGraph): { scope: Scope; evidence: string[] } | undefined {
  const tuning: string[] = [];
  const using: string[] = [];
  for (const r of graph.resources) {
    if (r.type === 'AWS::SageMaker::Pipeline' && pipelineSteps(r)?.some((s) => s.type === 'Training'))
      tuning.push(where(r));
    else if (r.type === 'AWS::Bedrock::CustomModel' || r.type === 'AWS::SageMaker::HyperParameterTuningJob')
      tuning.push(where(r));
    else if (/^AWS::(Bedrock|SageMaker|BedrockAgentCore)::/.test(r.type)) using.push(where(r));
  }
  if (tuning.length) return { scope: 4, evidence: tuning };
  if (using.length) return { scope: 3, evidence: using.slice(0, 5) };
  return undefined;
}

/** A declared scope wins; the inference is kept as evidence either way. */
export function decideScope(declared: Scope | undefined, inferred: ReturnType<typeof inferScope>): ScopeDecision {
  if (declared) {
    const evidence = [`declared in steward.yaml`];
    if (inferred && inferred.scope !== declared)
      evidence.push(`templates suggest scope ${inferred.scope}: ${inferred.evidence[0]}`);
    return { scope: declared, source: 'declared', evidence };
  }
  if (inferred) return { scope: inferred.scope, source: 'inferred', evidence: inferred.evidence };
  return {
    scope: 3,
    source: 'default',
    evidence: ['no model resources found and no scope declared; assuming scope 3'],
  };
}
