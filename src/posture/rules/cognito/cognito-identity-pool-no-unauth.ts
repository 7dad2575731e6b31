import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool } from '../../values.js';

export const cognitoIdentityPoolNoUnauth: ResourceRule = {
  kind: 'resource',
  id: 'cognito-identity-pool-no-unauth',
  title: 'Cognito identity pool does not hand out guest credentials',
  severity: 'high',
  resourceTypes: ['AWS::Cognito::IdentityPool'],
  controls: ['app-api-authorization'],
  description:
    "AllowUnauthenticatedIdentities is false, so anonymous visitors cannot obtain AWS credentials for the pool's unauthenticated role and call Bedrock, SageMaker or the app's APIs directly. A missing or unresolvable value fails, as in Checkov.",
  remediation: {
    text: 'Set AllowUnauthenticatedIdentities: false and give only authenticated identities a role.',
    cloudformation: 'AllowUnauthenticatedIdentities: false',
    terraform: 'allow_unauthenticated_identities = false',
  },
  equivalents: {
    checkov: ['CKV_AWS_366'],
    cdkNag: ['AwsSolutions-COG7'],
    cfnNag: ['W57'],
    prowler: ['cognito_identity_pool_guest_access_disabled'],
  },
  evaluate(pool, ctx) {
    return asBool(ctx.value(pool, ['AllowUnauthenticatedIdentities'])) === false
      ? pass(`Identity pool ${pool.id} admits authenticated identities only.`)
      : fail(`Identity pool ${pool.id} allows unauthenticated (guest) identities.`, {
          path: ['AllowUnauthenticatedIdentities'],
        });
  },
};
