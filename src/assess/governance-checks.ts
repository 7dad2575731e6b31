import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RegulatedVerdict, WorkloadProfile } from '../catalog/workload-profile.js';
import type { ScopeDecision } from '../findings/assessment.js';
import type { Finding, Severity } from '../findings/finding.js';

export interface GovernanceInput {
  dir: string;
  profile: WorkloadProfile;
  profileFile?: string;
  scope: ScopeDecision;
  regulated: RegulatedVerdict;
}

/** Model cards Steward recognises in a workload folder until the registry part lands. */
function modelCardFiles(dir: string): string[] {
  const found: string[] = [];
  const cardsDir = join(dir, 'model-cards');
  if (existsSync(cardsDir))
    found.push(
      ...readdirSync(cardsDir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => `model-cards/${f}`),
    );
  for (const f of readdirSync(dir)) if (/^model-card.*\.json$/i.test(f)) found.push(f);
  return found;
}

/**
 * Governance checks over the workload profile: each is a finding with a pass or fail, so governance gaps show up in
 * the same reports, baselines and exit codes as security ones.
 */
export function governanceChecks(input: GovernanceInput): Finding[] {
  const { profile, scope, regulated } = input;
  const resource = {
    type: 'Steward::Workload',
    id: profile.name,
    ...(input.profileFile ? { file: input.profileFile } : {}),
  };
  const out: Finding[] = [];
  const check = (
    ruleId: string,
    title: string,
    severity: Severity,
    controls: string[],
    ok: boolean,
    passMsg: string,
    failMsg: string,
    remediation: string,
  ) =>
    out.push({
      ruleId,
      title,
      severity,
      status: ok ? 'pass' : 'fail',
      message: ok ? passMsg : failMsg,
      resource,
      controls,
      part: 'assess',
      remediation,
    });

  check(
    'workload-scope-declared',
    'GenAI scope is declared',
    'low',
    ['pol-workload-scope-declared'],
    scope.source === 'declared',
    `Scope ${scope.scope} is declared in steward.yaml.`,
    `Scope ${scope.scope} was ${scope.source === 'inferred' ? `inferred (${scope.evidence[0]})` : 'assumed'}, not declared; the scope decides which controls apply.`,
    'Set workload.scope (1-5) in steward.yaml after reviewing the GenAI scoping matrix (`steward catalog --matrix`).',
  );
  check(
    'workload-owner',
    'Workload has an accountable owner',
    'medium',
    ['pol-asset-ownership-roles'],
    !!profile.owner,
    `Owner: ${profile.owner}.`,
    'No owner is declared for this workload.',
    'Set workload.owner in steward.yaml to the accountable team or person.',
  );
  check(
    'workload-data-classification',
    'Workload data is classified',
    'medium',
    ['pol-data-classification'],
    !!profile.dataClassification,
    `Data classification: ${profile.dataClassification}.`,
    'The workload declares no data classification.',
    'Set workload.dataClassification (public, internal, confidential, restricted) in steward.yaml.',
  );
  const needsResidency = profile.frameworks.includes('gdpr') || profile.dataCategories.length > 0;
  if (needsResidency)
    check(
      'workload-data-residency',
      'Data residency is declared',
      'medium',
      ['pol-data-residency'],
      profile.regions.length > 0,
      `Data resides in ${profile.regions.join(', ')}.`,
      'Personal or regulated data is handled but no regions are declared for it.',
      'List the AWS regions data may reside in under workload.regions in steward.yaml.',
    );
  check(
    'regulated-workload-determination',
    'Regulated-workload determination',
    'info',
    ['pol-regulated-workload-determination'],
    true,
    regulated.regulated
      ? `Regulated: ${regulated.reasons.join('; ')}.`
      : 'Not regulated: no framework applies and outputs are not high-liability.',
    '',
    'Review workload.frameworks, dataCategories, domains and outputs in steward.yaml.',
  );
  if (regulated.regulated || profile.outputs.highLiability || profile.outputs.safetyCritical)
    check(
      'human-oversight-declared',
      'Regulated outputs have human oversight',
      'medium',
      ['pol-human-oversight'],
      profile.outputs.humanReview === true,
      'A person reviews outputs before they take effect.',
      `The workload is regulated but declares no human review of model outputs (outputs.humanReview is ${String(profile.outputs.humanReview ?? 'unset')}).`,
      'Add a human review step for consequential outputs and set outputs.humanReview: true, or document why it is not needed.',
    );
  if (scope.scope >= 4) {
    const cards = modelCardFiles(input.dir);
    check(
      'model-card-present',
      'Trained or fine-tuned models have a model card',
      'medium',
      ['pol-model-card', 'pol-intended-use-limitations'],
      cards.length > 0,
      `Model card(s): ${cards.join(', ')}.`,
      `Scope ${scope.scope} trains or fine-tunes a model, but the folder holds no model card (model-cards/*.json).`,
      'Add a SageMaker-format model card under model-cards/ with intended use, risk rating, training and evaluation details.',
    );
  }
  return out;
}
