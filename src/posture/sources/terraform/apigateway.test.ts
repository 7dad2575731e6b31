import { describe, expect, it } from 'vitest';
import { resourcesOf } from './test-fixtures.js';
import { isUnknown } from './unknown.js';

describe('API Gateway mapping', () => {
  const net = resourcesOf('network.plan.json');

  it('maps a stage with access logging and folds method settings into it', () => {
    const s = net('aws_api_gateway_stage.prod');
    expect(s.type).toBe('AWS::ApiGateway::Stage');
    expect(s.properties).toMatchObject({
      StageName: 'prod',
      TracingEnabled: false,
      AccessLogSetting: { DestinationArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:/apigw/chat' },
      MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', LoggingLevel: 'INFO', MetricsEnabled: true }],
    });
    // The REST API is not in this plan: its id is simply known after apply.
    expect(isUnknown(s.properties.RestApiId)).toBe(true);
  });

  it('maps a method and its authorization type', () => {
    const m = net('aws_api_gateway_method.ask');
    expect(m.type).toBe('AWS::ApiGateway::Method');
    expect(m.properties).toMatchObject({ HttpMethod: 'POST', AuthorizationType: 'NONE' });
  });
});
