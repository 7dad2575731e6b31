import type { Resource } from '../../graph.js';
import { pass, type ResourceRule, type RuleContext } from '../../rule.js';
import { asArray, asString, dig } from '../../values.js';
import { allOfType, boolIs, decide, settle, valuesAt } from '../deploy-values.js';

const REGISTRY_SCANNING = 'AWS::ECR::RegistryScanningConfiguration';
const SCANS_NEW_IMAGES = new Set(['SCAN_ON_PUSH', 'CONTINUOUS_SCAN']);

/** ECR wildcard filters: `*` matches any run of characters. */
const filterMatches = (filter: string, name: string): boolean =>
  new RegExp(`^${filter.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(name);

/** A registry scanning configuration in the scan whose rules scan this repository's new images. */
function registryRule(ctx: RuleContext, repo: Resource): Resource | undefined {
  const name = asString(ctx.value(repo, ['RepositoryName']));
  return allOfType(ctx, REGISTRY_SCANNING).find((cfg) =>
    asArray(dig(cfg.properties, ['Rules'])).some(
      (rule) =>
        SCANS_NEW_IMAGES.has(String(dig(rule, ['ScanFrequency']))) &&
        asArray(dig(rule, ['RepositoryFilters'])).some((f) => {
          const filter = asString(dig(f, ['Filter']));
          // A repository without a literal name is covered only by a catch-all filter.
          return filter !== undefined && (filter === '*' || (name !== undefined && filterMatches(filter, name)));
        }),
    ),
  );
}

export const ecrRepositoryScanOnPush: ResourceRule = {
  kind: 'resource',
  id: 'ecr-repository-scan-on-push',
  title: 'ECR repository scans images on push',
  severity: 'medium',
  resourceTypes: ['AWS::ECR::Repository'],
  controls: ['infra-ecr-immutable-tags-scan-on-push', 'infra-inspector-scanning'],
  description:
    'Images pushed to the repository (model-serving, training and agent tool containers) are scanned for vulnerabilities when they arrive: either the repository sets ImageScanningConfiguration.ScanOnPush, or a registry scanning configuration in the scan has a SCAN_ON_PUSH or CONTINUOUS_SCAN rule whose filter matches the repository name.',
  remediation: {
    text: 'Set ImageScanningConfiguration.ScanOnPush: true, or declare a registry scanning configuration (enhanced scanning with Amazon Inspector) covering the repository.',
    cloudformation: 'ImageScanningConfiguration:\n  ScanOnPush: true',
    terraform: 'image_scanning_configuration {\n  scan_on_push = true\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_163'],
    cfnNag: ['W79'],
    prowler: ['ecr_repositories_scan_images_on_push_enabled'],
    securityHub: ['ECR.1'],
  },
  evaluate(repo, ctx) {
    const own = decide(valuesAt(ctx, repo, ['ImageScanningConfiguration', 'ScanOnPush']), boolIs(true, false));
    if (own === 'pass') return pass(`Repository ${repo.id} scans images on push.`);
    const registry = registryRule(ctx, repo);
    if (registry) return pass(`Repository ${repo.id} is scanned by registry configuration ${registry.id}.`);
    return settle(
      own,
      {
        fail: `Repository ${repo.id} does not scan images on push; vulnerable images can be deployed unseen.`,
      },
      { path: repo.properties.ImageScanningConfiguration ? ['ImageScanningConfiguration'] : [] },
    );
  },
};
