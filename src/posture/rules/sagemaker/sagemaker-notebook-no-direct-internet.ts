import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

export const sagemakerNotebookNoDirectInternet: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-notebook-no-direct-internet',
  title: 'SageMaker notebook instance has no direct internet access',
  severity: 'high',
  resourceTypes: ['AWS::SageMaker::NotebookInstance'],
  controls: ['net-sagemaker-no-direct-internet', 'net-ai-compute-in-vpc'],
  description:
    'Notebook instances run in a VPC subnet with DirectInternetAccess Disabled, so data cannot leave except through controlled egress.',
  remediation: {
    text: 'Set SubnetId and SecurityGroupIds, and DirectInternetAccess: Disabled.',
    cloudformation: 'SubnetId: !Ref PrivateSubnet\nSecurityGroupIds: [!Ref NotebookSg]\nDirectInternetAccess: Disabled',
    terraform:
      'subnet_id              = aws_subnet.private.id\nsecurity_groups        = [aws_security_group.nb.id]\ndirect_internet_access = "Disabled"',
  },
  equivalents: {
    checkov: ['CKV_AWS_122'],
    cdkNag: [
      'AwsSolutions-SM1',
      'AwsSolutions-SM3',
      'HIPAA.Security-SageMakerNotebookNoDirectInternetAccess',
      'NIST.800.53.R5-SageMakerNotebookNoDirectInternetAccess',
    ],
    prowler: [
      'sagemaker_notebook_instance_without_direct_internet_access_configured',
      'sagemaker_notebook_instance_vpc_settings_configured',
    ],
    securityHub: ['SageMaker.2'],
  },
  evaluate(nb, ctx) {
    const access = ctx.value(nb, ['DirectInternetAccess']);
    if (!isSet(nb.properties.SubnetId))
      return fail(`Notebook ${nb.id} is not placed in a VPC subnet, so it has direct internet access.`);
    if (access !== 'Disabled')
      return fail(`Notebook ${nb.id} has DirectInternetAccess ${access ? String(access) : 'Enabled (the default)'}.`, {
        path: access ? ['DirectInternetAccess'] : [],
      });
    return pass(`Notebook ${nb.id} runs in a VPC without direct internet access.`);
  },
};
