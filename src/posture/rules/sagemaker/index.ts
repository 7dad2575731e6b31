import type { Rule } from '../../rule.js';
import { sagemakerEndpointConfigKms } from './sagemaker-endpoint-config-kms.js';
import { sagemakerEndpointMultiInstance } from './sagemaker-endpoint-multi-instance.js';
import { sagemakerNotebookKms } from './sagemaker-notebook-kms.js';
import { sagemakerNotebookNoDirectInternet } from './sagemaker-notebook-no-direct-internet.js';
import { sagemakerNotebookNoRoot } from './sagemaker-notebook-no-root.js';
import { sagemakerTrainingIsolation } from './sagemaker-training-isolation.js';

/** sagemaker rules, in evaluation order. */
export const sagemakerRules: Rule[] = [
  sagemakerNotebookKms,
  sagemakerNotebookNoDirectInternet,
  sagemakerNotebookNoRoot,
  sagemakerEndpointConfigKms,
  sagemakerEndpointMultiInstance,
  sagemakerTrainingIsolation,
];
