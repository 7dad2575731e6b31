import { fail, pass, type ResourceRule } from '../../rule.js';

export const sagemakerNotebookNoRoot: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-notebook-no-root',
  title: 'SageMaker notebook instance users have no root access',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  controls: ['infra-notebook-root-access-disabled'],
  description:
    'RootAccess is Disabled so notebook users cannot change the instance, install unvetted packages system-wide, or disable its controls.',
  remediation: {
    text: 'Set RootAccess: Disabled.',
    cloudformation: 'RootAccess: Disabled',
    terraform: 'root_access = "Disabled"',
  },
  equivalents: {
    checkov: ['CKV_AWS_307'],
    prowler: ['sagemaker_notebook_instance_root_access_disabled'],
    securityHub: ['SageMaker.3'],
  },
  evaluate(nb, ctx) {
    const root = ctx.value(nb, ['RootAccess']);
    return root === 'Disabled'
      ? pass(`Notebook ${nb.id} disables root access.`)
      : fail(
          `Notebook ${nb.id} grants users root access (RootAccess ${root ? String(root) : 'defaults to Enabled'}).`,
          {
            path: root ? ['RootAccess'] : [],
          },
        );
  },
};
