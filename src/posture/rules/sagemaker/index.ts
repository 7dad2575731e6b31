import type { Rule } from '../../rule.js';
import { sagemakerDomainKms } from './sagemaker-domain-kms.js';
import { sagemakerDomainVpcOnly } from './sagemaker-domain-vpc-only.js';
import { sagemakerEndpointConfigKms } from './sagemaker-endpoint-config-kms.js';
import { sagemakerEndpointDataCapture } from './sagemaker-endpoint-data-capture.js';
import { sagemakerEndpointMultiInstance } from './sagemaker-endpoint-multi-instance.js';
import { sagemakerExecutionRoleNotShared } from './sagemaker-execution-role-not-shared.js';
import { sagemakerModelNetworkIsolation } from './sagemaker-model-network-isolation.js';
import { sagemakerModelPackageGroupNotPublic } from './sagemaker-model-package-group-not-public.js';
import { sagemakerModelRegistryInUse } from './sagemaker-model-registry-in-use.js';
import { sagemakerModelVpc } from './sagemaker-model-vpc.js';
import { sagemakerMonitoringJobInterContainerEncryption } from './sagemaker-monitoring-job-inter-container-encryption.js';
import { sagemakerMonitoringJobNetworkIsolation } from './sagemaker-monitoring-job-network-isolation.js';
import { sagemakerMonitoringJobOutputKms } from './sagemaker-monitoring-job-output-kms.js';
import { sagemakerMonitoringJobVolumeKms } from './sagemaker-monitoring-job-volume-kms.js';
import { sagemakerMonitoringJobVpc } from './sagemaker-monitoring-job-vpc.js';
import { sagemakerNotebookImdsv2 } from './sagemaker-notebook-imdsv2.js';
import { sagemakerNotebookKms } from './sagemaker-notebook-kms.js';
import { sagemakerNotebookNoDirectInternet } from './sagemaker-notebook-no-direct-internet.js';
import { sagemakerNotebookNoRoot } from './sagemaker-notebook-no-root.js';
import { sagemakerPipelineProcessingIsolation } from './sagemaker-pipeline-processing-isolation.js';
import { sagemakerPipelineVpc } from './sagemaker-pipeline-vpc.js';
import { sagemakerTrainingIsolation } from './sagemaker-training-isolation.js';
import { sagemakerUserProfileExecutionRole } from './sagemaker-user-profile-execution-role.js';

/** sagemaker rules, in evaluation order. */
export const sagemakerRules: Rule[] = [
  sagemakerNotebookKms,
  sagemakerNotebookNoDirectInternet,
  sagemakerNotebookNoRoot,
  sagemakerNotebookImdsv2,
  sagemakerDomainKms,
  sagemakerDomainVpcOnly,
  sagemakerUserProfileExecutionRole,
  sagemakerEndpointConfigKms,
  sagemakerEndpointMultiInstance,
  sagemakerEndpointDataCapture,
  sagemakerModelNetworkIsolation,
  sagemakerModelVpc,
  sagemakerModelRegistryInUse,
  sagemakerModelPackageGroupNotPublic,
  sagemakerTrainingIsolation,
  sagemakerPipelineProcessingIsolation,
  sagemakerPipelineVpc,
  sagemakerMonitoringJobNetworkIsolation,
  sagemakerMonitoringJobInterContainerEncryption,
  sagemakerMonitoringJobVolumeKms,
  sagemakerMonitoringJobOutputKms,
  sagemakerMonitoringJobVpc,
  sagemakerExecutionRoleNotShared,
];
