import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool, dig, isSet } from '../../values.js';

export const agentcoreBrowserRecording: ResourceRule = {
  kind: 'resource',
  id: 'agentcore-browser-recording',
  title: 'AgentCore browser sessions are recorded for audit',
  severity: 'low',
  resourceTypes: ['AWS::BedrockAgentCore::BrowserCustom'],
  controls: ['tdr-agent-trace-logging', 'tdr-forensic-readiness'],
  description:
    'RecordingConfig is enabled with an S3 location, so what an agent saw and did on each web page can be replayed when investigating a prompt injection or an unexpected action. Keep the recording bucket encrypted and access-restricted: recordings show the pages the agent visited.',
  remediation: {
    text: 'Set RecordingConfig.Enabled: true with an S3Location in an encrypted, access-logged bucket.',
    cloudformation:
      'RecordingConfig:\n  Enabled: true\n  S3Location:\n    Bucket: !Ref RecordingsBucket\n    Prefix: browser/',
    terraform:
      'recording {\n  enabled = true\n  s3_location {\n    bucket = aws_s3_bucket.recordings.id\n    prefix = "browser/"\n  }\n}',
  },
  equivalents: {},
  evaluate(tool, ctx) {
    const enabled = asBool(ctx.value(tool, ['RecordingConfig', 'Enabled']));
    if (enabled !== true)
      return fail(`Browser ${tool.id} does not record sessions, so agent browsing leaves no replayable trace.`, {
        path: tool.properties.RecordingConfig === undefined ? [] : ['RecordingConfig'],
      });
    return isSet(dig(tool.properties, ['RecordingConfig', 'S3Location', 'Bucket']))
      ? pass(`Browser ${tool.id} records sessions to S3.`)
      : fail(`Browser ${tool.id} enables recording without an S3 location.`, { path: ['RecordingConfig'] });
  },
};
