import { describe, expect, it } from 'vitest';
import { runRules, verdicts } from '../../test-helpers.js';
import { secretsmanagerSecretCmk } from './secretsmanager-secret-cmk.js';
import { secretsmanagerSecretRotation } from './secretsmanager-secret-rotation.js';

const tpl = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;
const secret = (props = '') => `    Type: AWS::SecretsManager::Secret\n    Properties: { Name: s${props} }\n`;

describe('secretsmanager-secret-cmk', () => {
  const t = tpl(`  Cmk:
${secret(', KmsKeyId: !Ref SecretsKey')}  Default:
${secret()}  NamedAwsKey:
${secret(', KmsKeyId: alias/aws/secretsmanager')}  ReplicaOk:
${secret(', KmsKeyId: k, ReplicaRegions: [{ Region: eu-west-1, KmsKeyId: k2 }]')}  ReplicaAwsKey:
${secret(', KmsKeyId: k, ReplicaRegions: [{ Region: eu-west-1, KmsKeyId: k2 }, { Region: ap-south-1 }]')}`);
  it('requires a customer managed key on the secret and each replica', () =>
    expect(verdicts(t, secretsmanagerSecretCmk)).toEqual([
      'pass Cmk',
      'fail Default',
      'fail NamedAwsKey',
      'pass ReplicaOk',
      'fail ReplicaAwsKey',
    ]));
  it('names the replica Region', () =>
    expect(runRules(t, [secretsmanagerSecretCmk])[4]?.message).toMatch(
      /replicates to ap-south-1 under the AWS managed key/,
    ));
});

describe('secretsmanager-secret-rotation', () => {
  const t = tpl(`  Direct:
${secret()}  DirectRotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties: { SecretId: !Ref Direct, RotationLambdaARN: !GetAtt Rotator.Arn, RotationRules: { AutomaticallyAfterDays: 30 } }
  ViaAttachment:
    Type: AWS::SecretsManager::Secret
    Properties: { GenerateSecretString: { GenerateStringKey: password, SecretStringTemplate: '{"username":"kb"}' } }
  Attachment:
    Type: AWS::SecretsManager::SecretTargetAttachment
    Properties: { SecretId: !Ref ViaAttachment, TargetId: !Ref Db, TargetType: AWS::RDS::DBCluster }
  AttachmentRotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties: { SecretId: !Ref Attachment, HostedRotationLambda: { RotationType: PostgreSQLSingleUser }, RotationRules: { AutomaticallyAfterDays: 30 } }
  ByName:
    Type: AWS::SecretsManager::Secret
    Properties: { Name: kb/api-key }
  ByNameRotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties: { SecretId: kb/api-key, RotationLambdaARN: arn:aws:lambda:us-east-1:111122223333:function:rot, RotationRules: { ScheduleExpression: rate(30 days) } }
  NoFunction:
${secret()}  NoFunctionRotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties: { SecretId: !Ref NoFunction, RotationRules: { AutomaticallyAfterDays: 30 } }
  Static:
${secret()}`);
  it('finds schedules directly, through target attachments and by name', () =>
    expect(verdicts(t, secretsmanagerSecretRotation)).toEqual([
      'pass Direct',
      'pass ViaAttachment',
      'pass ByName',
      'fail NoFunction',
      'fail Static',
    ]));
  it('says what a schedule lacks', () =>
    expect(runRules(t, [secretsmanagerSecretRotation])[3]?.message).toMatch(
      /NoFunctionRotation, but it names no rotation function/,
    ));
});
