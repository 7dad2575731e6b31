import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { planVerdicts } from '../plan-test-helpers.js';
import { apigwMethodAuthorization } from './apigw-method-authorization.js';
import { apigwStageAccessLogging } from './apigw-stage-access-logging.js';
import { apigwStageExecutionLogging } from './apigw-stage-execution-logging.js';
import { apigwStageThrottling } from './apigw-stage-throttling.js';
import { apigwStageWaf } from './apigw-stage-waf.js';
import { apigwv2RouteAuthorization } from './apigwv2-route-authorization.js';
import { apigwv2StageAccessLogging } from './apigwv2-stage-access-logging.js';
import { apigatewayRules } from './index.js';

const tpl = (resources: string, extra = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${extra}Resources:\n${resources}`;

describe('apigateway rule metadata', () => {
  it('names only catalog controls', () => {
    const known = new Set(bundledCatalog().controls.map((c) => c.id));
    for (const r of apigatewayRules) for (const c of r.controls) expect(known, `${r.id} → ${c}`).toContain(c);
  });
});

describe('apigw-method-authorization', () => {
  const t = tpl(
    `  Cognito:
    Type: AWS::ApiGateway::Method
    Properties: { RestApiId: a, ResourceId: r, HttpMethod: POST, AuthorizationType: COGNITO_USER_POOLS, AuthorizerId: z }
  Open:
    Type: AWS::ApiGateway::Method
    Properties: { RestApiId: a, ResourceId: r, HttpMethod: POST, AuthorizationType: NONE }
  KeyOnly:
    Type: AWS::ApiGateway::Method
    Properties: { RestApiId: a, ResourceId: r, HttpMethod: GET, AuthorizationType: NONE, ApiKeyRequired: true }
  Unset:
    Type: AWS::ApiGateway::Method
    Properties: { RestApiId: a, ResourceId: r, HttpMethod: GET }
  Preflight:
    Type: AWS::ApiGateway::Method
    Properties: { RestApiId: a, ResourceId: r, HttpMethod: OPTIONS, AuthorizationType: NONE }
  FromParam:
    Type: AWS::ApiGateway::Method
    Properties: { RestApiId: a, ResourceId: r, HttpMethod: POST, AuthorizationType: !Ref Auth }
`,
    'Parameters:\n  Auth: { Type: String, Default: AWS_IAM }\n',
  );
  it('fails NONE and unset (API keys do not count); OPTIONS preflight passes', () =>
    expect(verdicts(t, apigwMethodAuthorization)).toEqual([
      'pass Cognito',
      'fail Open',
      'fail KeyOnly',
      'fail Unset',
      'pass Preflight',
      'pass FromParam',
    ]));
  it('explains why an API key is not enough', () => {
    const f = runRules(t, [apigwMethodAuthorization]).find((x) => x.resource.id === 'KeyOnly')!;
    expect(f.message).toContain('API key');
  });
});

describe('apigwv2-route-authorization', () => {
  const t = tpl(`  Http:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: h, ProtocolType: HTTP }
  Ws:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: w, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action }
  Quick:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: q, ProtocolType: HTTP, Target: arn:aws:lambda:us-east-1:111122223333:function:chat }
  Jwt:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Http, RouteKey: POST /chat, AuthorizationType: JWT, AuthorizerId: a }
  OpenRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Http, RouteKey: POST /complete }
  Cors:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Http, RouteKey: OPTIONS /chat, AuthorizationType: NONE }
  WsConnect:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Ws, RouteKey: $connect, AuthorizationType: NONE }
  WsMessage:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Ws, RouteKey: sendMessage }
`);
  it('judges HTTP routes, only $connect on WebSocket APIs, and quick-create APIs', () =>
    expect(verdicts(t, apigwv2RouteAuthorization)).toEqual([
      'fail Quick',
      'pass Jwt',
      'fail OpenRoute',
      'pass Cors',
      'fail WsConnect',
    ]));
});

describe('access logging', () => {
  it('apigw-stage-access-logging covers REST stages and SAM APIs', () => {
    const t = tpl(`  Logged:
    Type: AWS::ApiGateway::Stage
    Properties: { RestApiId: a, AccessLogSetting: { DestinationArn: !GetAtt Logs.Arn, Format: x } }
  FormatOnly:
    Type: AWS::ApiGateway::Stage
    Properties: { RestApiId: a, AccessLogSetting: { Format: x } }
  SamLogged:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod, AccessLogSetting: { DestinationArn: arn:aws:logs:us-east-1:1:log-group:x } }
  SamBare:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod }
`);
    expect(verdicts(t, apigwStageAccessLogging)).toEqual([
      'pass Logged',
      'fail FormatOnly',
      'pass SamLogged',
      'fail SamBare',
    ]);
  });
  it('apigwv2-stage-access-logging covers HTTP stages and SAM HTTP APIs', () => {
    const t = tpl(`  Logged:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: a, StageName: s, AccessLogSettings: { DestinationArn: !GetAtt Logs.Arn } }
  Bare:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: a, StageName: s }
  SamBare:
    Type: AWS::Serverless::HttpApi
    Properties: { StageName: prod }
`);
    expect(verdicts(t, apigwv2StageAccessLogging)).toEqual(['pass Logged', 'fail Bare', 'fail SamBare']);
  });
});

describe('apigw-stage-throttling', () => {
  const t = tpl(`  AllMethods:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: a
      MethodSettings: [{ ResourcePath: "/*", HttpMethod: "*", ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 }]
  OneMethod:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: a
      MethodSettings: [{ ResourcePath: "/chat", HttpMethod: POST, ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 }]
  RateOnly:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: a
      MethodSettings: [{ ResourcePath: "/*", HttpMethod: "*", ThrottlingRateLimit: 20 }]
  PlanStage:
    Type: AWS::ApiGateway::Stage
    Properties: { RestApiId: a }
  Plan:
    Type: AWS::ApiGateway::UsagePlan
    Properties:
      ApiStages: [{ ApiId: a, Stage: !Ref PlanStage }]
      Throttle: { RateLimit: 10, BurstLimit: 20 }
  HttpStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: a, StageName: s, DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 } }
  HttpBare:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: a, StageName: s }
`);
  it('needs stage-wide rate and burst, or a throttling usage plan', () =>
    expect(verdicts(t, apigwStageThrottling)).toEqual([
      'pass AllMethods',
      'fail OneMethod',
      'fail RateOnly',
      'pass PlanStage',
      'pass HttpStage',
      'fail HttpBare',
    ]));
});

describe('apigw-stage-waf (existing rule, checked with its family)', () => {
  it('follows the WebACLAssociation to the stage', () => {
    const t = tpl(`  Stage:
    Type: AWS::ApiGateway::Stage
    Properties: { RestApiId: !Ref Api, StageName: prod }
  Other:
    Type: AWS::ApiGateway::Stage
    Properties: { RestApiId: !Ref Api, StageName: dev }
  Assoc:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Sub arn:aws:apigateway:\${AWS::Region}::/restapis/\${Api}/stages/\${Stage}
      WebACLArn: arn
`);
    expect(verdicts(t, apigwStageWaf)).toEqual(['pass Stage', 'fail Other']);
  });
});

describe('apigw-stage-execution-logging', () => {
  const stage = (settings: string) =>
    `    Type: AWS::ApiGateway::Stage\n    Properties: { RestApiId: a, StageName: prod${settings ? `, MethodSettings: ${settings}` : ''} }\n`;
  const t = tpl(`  Errors:
${stage('[{ ResourcePath: "/*", HttpMethod: "*", LoggingLevel: ERROR }]')}  InfoLowerCase:
${stage('[{ ResourcePath: /items, HttpMethod: GET, LoggingLevel: "OFF" }, { ResourcePath: "/*", HttpMethod: "*", LoggingLevel: info }]')}  Off:
${stage('[{ ResourcePath: "/*", HttpMethod: "*", LoggingLevel: "OFF", MetricsEnabled: true }]')}  OneMethodOnly:
${stage('[{ ResourcePath: /chat, HttpMethod: POST, LoggingLevel: INFO }]')}  NoSettings:
${stage('')}  FromParam:
${stage('[{ ResourcePath: "/*", HttpMethod: "*", LoggingLevel: !Ref Level }]')}  Sam:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod, MethodSettings: [{ ResourcePath: "/*", HttpMethod: "*", LoggingLevel: ERROR }] }
`);
  it('needs a stage-wide entry logging at ERROR or INFO', () =>
    expect(verdicts(t, apigwStageExecutionLogging)).toEqual([
      'pass Errors',
      'pass InfoLowerCase',
      'fail Off',
      'fail OneMethodOnly',
      'fail NoSettings',
      'skip FromParam',
      'pass Sam',
    ]));
  it('names the level that turns logging off', () => {
    const f = runRules(t, [apigwStageExecutionLogging]).find((x) => x.resource.id === 'Off');
    expect(f?.message).toMatch(/LoggingLevel OFF/);
  });
  it('reads aws_api_gateway_method_settings from a Terraform plan', () => {
    const stageTf = (name: string) => ({
      address: `aws_api_gateway_stage.${name}`,
      values: { stage_name: name, rest_api_id: 'abc123', deployment_id: 'd1' },
    });
    const settings = (stageName: string, level: string) => ({
      address: `aws_api_gateway_method_settings.${stageName}`,
      values: {
        rest_api_id: 'abc123',
        stage_name: stageName,
        method_path: '*/*',
        settings: [{ logging_level: level }],
      },
      references: {
        stage_name: [`aws_api_gateway_stage.${stageName}.stage_name`, `aws_api_gateway_stage.${stageName}`],
      },
    });
    expect(
      planVerdicts(
        [stageTf('prod'), stageTf('dev'), stageTf('test'), settings('prod', 'INFO'), settings('dev', 'OFF')],
        apigwStageExecutionLogging,
      ),
    ).toEqual(['pass aws_api_gateway_stage.prod', 'fail aws_api_gateway_stage.dev', 'fail aws_api_gateway_stage.test']);
  });
});
