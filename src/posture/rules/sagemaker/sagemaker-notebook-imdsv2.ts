import { fail, pass, type ResourceRule } from '../../rule.js';

export const sagemakerNotebookImdsv2: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-notebook-imdsv2',
  title: 'SageMaker notebook instance only accepts IMDSv2',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  controls: ['infra-notebook-imdsv2'],
  description:
    'InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion is "2", so the notebook role credentials can only be read with a session token, which blocks SSRF-style theft from code or packages run in the notebook. Left unset, the instance also answers IMDSv1.',
  remediation: {
    text: 'Set InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion to "2".',
    cloudformation: 'InstanceMetadataServiceConfiguration:\n  MinimumInstanceMetadataServiceVersion: "2"',
    terraform: 'instance_metadata_service_configuration {\n  minimum_instance_metadata_service_version = "2"\n}',
  },
  equivalents: { checkov: ['CKV_AWS_371'] },
  evaluate(nb, ctx) {
    const path = ['InstanceMetadataServiceConfiguration', 'MinimumInstanceMetadataServiceVersion'];
    const version = ctx.value(nb, path);
    if (version === '2' || version === 2) return pass(`Notebook ${nb.id} requires IMDSv2.`);
    return fail(
      version === undefined
        ? `Notebook ${nb.id} sets no minimum metadata service version, so IMDSv1 stays reachable.`
        : `Notebook ${nb.id} allows IMDS version ${JSON.stringify(version)}; require "2".`,
      { path: version === undefined ? [] : path },
    );
  },
};
