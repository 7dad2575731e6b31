import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

export const sagemakerNotebookKms: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-notebook-kms',
  title: 'SageMaker notebook instance storage is encrypted with a KMS key',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  controls: ['dp-kms-cmk-at-rest'],
  description:
    "The ML storage volume of a notebook instance, where data scientists copy samples of training data, is encrypted with a customer managed key. Checkov's CKV_AWS_187 checks notebooks and Studio domains together; Steward checks domains in sagemaker-domain-kms.",
  remediation: {
    text: 'Set KmsKeyId to a customer managed KMS key.',
    cloudformation: 'KmsKeyId: !Ref NotebookKey',
    terraform: 'kms_key_id = aws_kms_key.notebook.arn',
  },
  equivalents: {
    checkov: ['CKV_AWS_22', 'CKV_AWS_187'],
    cdkNag: [
      'AwsSolutions-SM2',
      'HIPAA.Security-SageMakerNotebookInstanceKMSKeyConfigured',
      'NIST.800.53.R5-SageMakerNotebookInstanceKMSKeyConfigured',
    ],
    cfnNag: ['W1201'],
    prowler: ['sagemaker_notebook_instance_encryption_enabled'],
    securityHub: [],
  },
  evaluate(nb) {
    return isSet(nb.properties.KmsKeyId)
      ? pass(`Notebook ${nb.id} encrypts its volume with a KMS key.`)
      : fail(`Notebook ${nb.id} has no KmsKeyId; its volume uses an AWS managed key.`);
  },
};
