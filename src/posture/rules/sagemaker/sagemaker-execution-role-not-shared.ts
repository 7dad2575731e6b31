import { fail, pass, type ResourceRule } from '../../rule.js';
import { sageMakerRoleUsers } from './execution-role-users.js';

export const sagemakerExecutionRoleNotShared: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-execution-role-not-shared',
  title: 'A SageMaker execution role serves one purpose only',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::Role'],
  controls: ['iam-execution-role-per-workload', 'iam-sagemaker-role-personas'],
  description:
    'Following the execution-role references of notebooks, Studio domains and profiles, pipelines, models, processing and monitoring jobs, a role declared in the template is used for one purpose only (for example only by notebooks, or only by a training pipeline). A role shared by a research notebook and a production pipeline gives the notebook user everything the pipeline may do. Roles named by literal ARNs are not followed.',
  remediation: {
    text: 'Create one execution role per purpose (notebook, Studio persona, pipeline, hosting, monitoring), each with only the permissions that purpose needs.',
    cloudformation:
      'NotebookRole:\n  Type: AWS::IAM::Role   # notebook only\nPipelineRole:\n  Type: AWS::IAM::Role   # pipeline only\nResearchNotebook:\n  Properties:\n    RoleArn: !GetAtt NotebookRole.Arn',
    terraform:
      'resource "aws_iam_role" "notebook" { … }\nresource "aws_iam_role" "pipeline" { … }\n# aws_sagemaker_notebook_instance.research.role_arn = aws_iam_role.notebook.arn',
  },
  equivalents: {},
  evaluate(role, ctx) {
    const users = sageMakerRoleUsers(role, ctx.graph);
    if (users.length === 0) return undefined;
    const purposes = [...new Set(users.map((u) => u.purpose))];
    const list = users.map((u) => `${u.resource.id} (${u.purpose})`).join(', ');
    return purposes.length > 1
      ? fail(`Role ${role.id} is the execution role for ${purposes.length} different purposes: ${list}.`, {
          evidence: { users: users.map((u) => ({ id: u.resource.id, type: u.resource.type, purpose: u.purpose })) },
        })
      : pass(`Role ${role.id} is used only for ${purposes[0]}: ${list}.`);
  },
};
