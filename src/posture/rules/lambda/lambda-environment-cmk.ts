import { fail, pass, type ResourceRule } from '../../rule.js';
import { isIntrinsic } from '../../sources/intrinsics.js';
import { valuesAt } from '../deploy-values.js';
import { keyRefAt } from '../kms/key-reference.js';

/** True when the function declares at least one environment variable (or a map only known at deploy time). */
function hasVariables(vars: unknown): boolean {
  if (isIntrinsic(vars)) return true;
  return !!vars && typeof vars === 'object' && Object.keys(vars).length > 0;
}

export const lambdaEnvironmentCmk: ResourceRule = {
  kind: 'resource',
  id: 'lambda-environment-cmk',
  title: 'Lambda environment variables are encrypted with a customer managed KMS key',
  severity: 'low',
  resourceTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
  controls: ['dp-kms-cmk-at-rest', 'iam-no-hardcoded-credentials'],
  description:
    'A function that declares environment variables (model ids, index names, endpoints, sometimes tokens) sets KmsKeyArn to a customer managed key, so the variables are readable only by principals the key policy allows. Functions without variables pass; SAM functions are judged with their Globals applied.',
  remediation: {
    text: 'Set KmsKeyArn to a customer managed key, and keep credentials in Secrets Manager rather than in variables.',
    cloudformation: 'KmsKeyArn: !GetAtt FunctionKey.Arn',
    terraform: 'kms_key_arn = aws_kms_key.lambda.arn',
  },
  equivalents: {
    checkov: ['CKV_AWS_173'],
    prowler: ['awslambda_function_env_vars_not_encrypted_with_cmk'],
  },
  evaluate(fn, ctx) {
    // An Environment that is one opaque intrinsic (an import, a GetAtt) cannot be inspected.
    if (valuesAt(ctx, fn, ['Environment']).some((e) => e !== undefined && isIntrinsic(e))) return undefined;
    // Under Fn::If, a branch without variables has nothing to encrypt, so it passes.
    if (!valuesAt(ctx, fn, ['Environment', 'Variables']).every(hasVariables))
      return pass(`Function ${fn.id} declares no environment variables.`);
    return keyRefAt(ctx, fn, ['KmsKeyArn']) === 'customer'
      ? pass(`Function ${fn.id} encrypts its environment variables with a customer managed key.`)
      : fail(`Function ${fn.id} keeps environment variables under the AWS managed Lambda key.`, {
          path: ['Environment', 'Variables'],
        });
  },
};
