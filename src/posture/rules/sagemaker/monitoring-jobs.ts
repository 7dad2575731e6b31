import type { Resource } from '../../graph.js';
import { dig } from '../../values.js';

type Path = (string | number)[];

/** Where one job resource keeps its network, output-key and volume-key settings. */
export interface JobSettings {
  kind: string;
  network: Path;
  /** Undefined when the job writes no outputs (a processing job without ProcessingOutputConfig). */
  outputKms?: Path;
  volumeKms: Path;
}

const MONITORING_DEFINITIONS: Record<string, { kind: string; output: string }> = {
  'AWS::SageMaker::DataQualityJobDefinition': { kind: 'data quality', output: 'DataQualityJobOutputConfig' },
  'AWS::SageMaker::ModelQualityJobDefinition': { kind: 'model quality', output: 'ModelQualityJobOutputConfig' },
  'AWS::SageMaker::ModelBiasJobDefinition': { kind: 'model bias', output: 'ModelBiasJobOutputConfig' },
  'AWS::SageMaker::ModelExplainabilityJobDefinition': {
    kind: 'model explainability',
    output: 'ModelExplainabilityJobOutputConfig',
  },
};

/** Resource types whose processing containers read production data: Model Monitor jobs and processing jobs. */
export const JOB_TYPES = [
  ...Object.keys(MONITORING_DEFINITIONS),
  'AWS::SageMaker::MonitoringSchedule',
  'AWS::SageMaker::ProcessingJob',
];

/**
 * The settings paths of a monitoring or processing job. A monitoring schedule counts only when it defines its job
 * inline; one that names a separate job definition is judged through that definition.
 */
export function jobSettings(r: Resource): JobSettings | undefined {
  const def = MONITORING_DEFINITIONS[r.type];
  if (def) {
    return {
      kind: `${def.kind} job definition`,
      network: ['NetworkConfig'],
      outputKms: [def.output, 'KmsKeyId'],
      volumeKms: ['JobResources', 'ClusterConfig', 'VolumeKmsKeyId'],
    };
  }
  if (r.type === 'AWS::SageMaker::MonitoringSchedule') {
    const base = ['MonitoringScheduleConfig', 'MonitoringJobDefinition'];
    if (dig(r.properties, base) === undefined) return undefined;
    return {
      kind: 'monitoring schedule',
      network: [...base, 'NetworkConfig'],
      outputKms: [...base, 'MonitoringOutputConfig', 'KmsKeyId'],
      volumeKms: [...base, 'MonitoringResources', 'ClusterConfig', 'VolumeKmsKeyId'],
    };
  }
  if (r.type === 'AWS::SageMaker::ProcessingJob') {
    return {
      kind: 'processing job',
      network: ['NetworkConfig'],
      ...(r.properties.ProcessingOutputConfig !== undefined
        ? { outputKms: ['ProcessingOutputConfig', 'KmsKeyId'] }
        : {}),
      volumeKms: ['ProcessingResources', 'ClusterConfig', 'VolumeKmsKeyId'],
    };
  }
  return undefined;
}

/** The deepest part of `path` that exists, so a finding points at the nearest declared property. */
export function nearestPath(r: Resource, path: Path): Path {
  for (let n = path.length; n > 0; n--) {
    const head = path.slice(0, n);
    if (dig(r.properties, head) !== undefined) return head;
  }
  return [];
}
