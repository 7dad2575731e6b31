import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { eventsFindingsAutomatedResponse } from './events-findings-automated-response.js';
import { eventsRules } from './index.js';

const tpl = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;
const fn = `  Contain:
    Type: AWS::Lambda::Function
    Properties: { Role: r, Code: { ZipFile: x } }
  Playbook:
    Type: AWS::StepFunctions::StateMachine
    Properties: { RoleArn: r, DefinitionString: "{}" }
  Alerts:
    Type: AWS::SNS::Topic
`;

describe('events-findings-automated-response', () => {
  it('names only catalog controls', () => {
    const known = new Set(bundledCatalog().controls.map((c) => c.id));
    for (const r of eventsRules) for (const c of r.controls) expect(known).toContain(c);
  });

  it('passes rules that reach a responder and fails notify-only or disabled ones', () => {
    const t = tpl(`${fn}  ToLambda:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [aws.guardduty], detail-type: [GuardDuty Finding] }
      Targets: [{ Id: a, Arn: !GetAtt Contain.Arn }, { Id: b, Arn: !Ref Alerts }]
  ToStateMachine:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: '{"source":["aws.securityhub"],"detail-type":["Security Hub Findings - Imported"]}'
      Targets: [{ Id: a, Arn: !Ref Playbook, RoleArn: r }]
  ToSsm:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [aws.guardduty] }
      Targets: [{ Id: a, Arn: !Sub "arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:automation-definition/Isolate:$DEFAULT", RoleArn: r }]
  NotifyOnly:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [aws.guardduty] }
      Targets: [{ Id: a, Arn: !Ref Alerts }]
  Disabled:
    Type: AWS::Events::Rule
    Properties:
      State: DISABLED
      EventPattern: { source: [aws.securityhub] }
      Targets: [{ Id: a, Arn: !GetAtt Contain.Arn }]
  Unrelated:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [aws.s3] }
      Targets: [{ Id: a, Arn: !GetAtt Contain.Arn }]
`);
    expect(verdicts(t, eventsFindingsAutomatedResponse)).toEqual([
      'pass ToLambda',
      'pass ToStateMachine',
      'pass ToSsm',
      'fail NotifyOnly',
      'fail Disabled',
    ]);
  });

  it('reports "not evidenced here", naming declared finding producers, when no rule routes findings', () => {
    const f = runRules(
      tpl(`${fn}  Detector:
    Type: AWS::GuardDuty::Detector
    Properties: { Enable: true }
`),
      [eventsFindingsAutomatedResponse],
    );
    expect(f.map((x) => `${x.status} ${x.resource.id}`)).toEqual(['skip account']);
    expect(f[0]!.message).toContain('Detector');
  });
});
