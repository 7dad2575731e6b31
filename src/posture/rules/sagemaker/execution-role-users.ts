import type { Resource, ResourceGraph } from '../../graph.js';
import { collectRefs } from '../../sources/intrinsics.js';
import { asArray, dig } from '../../values.js';

type Path = (string | number)[];

/** SageMaker resources that run under an execution role: the property naming it and what the role is used for. */
const ROLE_PROPERTIES: Record<string, { purpose: string; paths: Path[] }> = {
  'AWS::SageMaker::NotebookInstance': { purpose: 'notebook', paths: [['RoleArn']] },
  'AWS::SageMaker::Domain': {
    purpose: 'Studio',
    paths: [
      ['DefaultUserSettings', 'ExecutionRole'],
      ['DefaultSpaceSettings', 'ExecutionRole'],
    ],
  },
  'AWS::SageMaker::UserProfile': { purpose: 'Studio', paths: [['UserSettings', 'ExecutionRole']] },
  'AWS::SageMaker::Pipeline': { purpose: 'pipeline', paths: [['RoleArn']] },
  'AWS::SageMaker::Model': { purpose: 'hosting', paths: [['ExecutionRoleArn']] },
  'AWS::SageMaker::EndpointConfig': { purpose: 'hosting', paths: [['ExecutionRoleArn']] },
  'AWS::SageMaker::ProcessingJob': { purpose: 'processing', paths: [['RoleArn']] },
  'AWS::SageMaker::DataQualityJobDefinition': { purpose: 'monitoring', paths: [['RoleArn']] },
  'AWS::SageMaker::ModelQualityJobDefinition': { purpose: 'monitoring', paths: [['RoleArn']] },
  'AWS::SageMaker::ModelBiasJobDefinition': { purpose: 'monitoring', paths: [['RoleArn']] },
  'AWS::SageMaker::ModelExplainabilityJobDefinition': { purpose: 'monitoring', paths: [['RoleArn']] },
  'AWS::SageMaker::MonitoringSchedule': {
    purpose: 'monitoring',
    paths: [['MonitoringScheduleConfig', 'MonitoringJobDefinition', 'RoleArn']],
  },
};

export interface RoleUser {
  resource: Resource;
  purpose: string;
}

/** SageMaker resources in the role's template whose execution-role property references the role. */
export function sageMakerRoleUsers(role: Resource, graph: ResourceGraph): RoleUser[] {
  const users: RoleUser[] = [];
  for (const r of graph.referencing(role)) {
    const spec = ROLE_PROPERTIES[r.type];
    if (!spec) continue;
    if (spec.paths.some((p) => collectRefs(dig(r.properties, p)).has(role.id)))
      users.push({ resource: r, purpose: spec.purpose });
  }
  return users;
}

/** Service principals named in a role's trust policy (strings, and the literal part of Fn::Sub). */
export function trustedServices(role: Resource): string[] {
  const out: string[] = [];
  for (const s of asArray(dig(role.properties, ['AssumeRolePolicyDocument', 'Statement']))) {
    if (dig(s, ['Effect']) === 'Deny') continue;
    for (const svc of asArray(dig(s, ['Principal', 'Service']))) {
      const text = typeof svc === 'string' ? svc : dig(svc, ['Fn::Sub']);
      if (typeof text === 'string') out.push(text.toLowerCase());
    }
  }
  return out;
}
