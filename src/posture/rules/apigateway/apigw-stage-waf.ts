import { fail, pass, type ResourceRule } from '../../rule.js';
import { collectRefs } from '../../sources/intrinsics.js';

export const apigwStageWaf: ResourceRule = {
  kind: 'resource',
  id: 'apigw-stage-waf',
  title: 'API Gateway stage is protected by AWS WAF',
  severity: 'medium',
  resourceTypes: ['AWS::ApiGateway::Stage'],
  controls: ['net-waf-on-ai-endpoints'],
  description:
    'A WAFv2 web ACL is associated with the stage, so abusive clients, scrapers and floods are filtered before they reach the model.',
  remediation: {
    text: 'Add an AWS::WAFv2::WebACLAssociation whose ResourceArn is the stage ARN.',
    cloudformation:
      'WebAclAssociation:\n  Type: AWS::WAFv2::WebACLAssociation\n  Properties:\n    ResourceArn: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}\n    WebACLArn: !GetAtt WebAcl.Arn',
    terraform:
      'resource "aws_wafv2_web_acl_association" "api" {\n  resource_arn = aws_api_gateway_stage.this.arn\n  web_acl_arn  = aws_wafv2_web_acl.this.arn\n}',
  },
  equivalents: {
    checkov: ['CKV2_AWS_29'],
    cdkNag: ['AwsSolutions-APIG3', 'NIST.800.53.R5-APIGWAssociatedWithWAF'],
    prowler: ['apigateway_restapi_waf_acl_attached'],
    securityHub: ['APIGateway.4'],
  },
  evaluate(stage, ctx) {
    const assoc = ctx.graph
      .ofType('AWS::WAFv2::WebACLAssociation')
      .filter(
        (a) =>
          ctx.graph.templateFile(a) === ctx.graph.templateFile(stage) &&
          collectRefs(a.properties.ResourceArn).has(stage.id),
      );
    return assoc.length
      ? pass(`Stage ${stage.id} is associated with a WAF web ACL (${assoc[0]!.id}).`)
      : fail(`Stage ${stage.id} has no WAF web ACL association.`);
  },
};
