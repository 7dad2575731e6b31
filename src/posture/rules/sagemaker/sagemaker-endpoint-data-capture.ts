import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, asBool, dig } from '../../values.js';

export const sagemakerEndpointDataCapture: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-endpoint-data-capture',
  title: 'SageMaker endpoint configuration captures inference data for monitoring',
  severity: 'low',
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  controls: ['tdr-model-monitoring', 'tdr-drift-detection'],
  description:
    'DataCaptureConfig is present and not disabled, so requests and predictions are sampled to S3 where Model Monitor schedules compare them with a baseline to catch data drift, quality loss and bias. Endpoint configurations whose variants are all serverless (which cannot capture data) are not evaluated.',
  remediation: {
    text: 'Add DataCaptureConfig with a DestinationS3Uri, a KmsKeyId and capture of Input and Output, then attach a monitoring schedule.',
    cloudformation:
      'DataCaptureConfig:\n  EnableCapture: true\n  InitialSamplingPercentage: 20\n  DestinationS3Uri: !Sub s3://${CaptureBucket}/capture\n  KmsKeyId: !Ref CaptureKey\n  CaptureOptions:\n    - CaptureMode: Input\n    - CaptureMode: Output',
    terraform:
      'data_capture_config {\n  enable_capture              = true\n  initial_sampling_percentage = 20\n  destination_s3_uri          = "s3://${aws_s3_bucket.capture.id}/capture"\n  kms_key_id                  = aws_kms_key.capture.arn\n  capture_options { capture_mode = "Input" }\n  capture_options { capture_mode = "Output" }\n}',
  },
  equivalents: {},
  evaluate(cfg, ctx) {
    const variants = asArray(cfg.properties.ProductionVariants);
    if (variants.length > 0 && variants.every((v) => dig(v, ['ServerlessConfig']) !== undefined)) return undefined;
    const capture = cfg.properties.DataCaptureConfig;
    if (capture === undefined)
      return fail(`Endpoint config ${cfg.id} captures no inference data, so drift and quality cannot be monitored.`);
    // EnableCapture is optional; a declared DataCaptureConfig captures unless it says false.
    const enabled = asBool(ctx.value(cfg, ['DataCaptureConfig', 'EnableCapture']));
    return enabled === false
      ? fail(`Endpoint config ${cfg.id} declares DataCaptureConfig with EnableCapture false.`, {
          path: ['DataCaptureConfig', 'EnableCapture'],
        })
      : pass(`Endpoint config ${cfg.id} captures inference data.`);
  },
};
