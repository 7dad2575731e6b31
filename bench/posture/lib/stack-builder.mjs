// Accumulates the resources of one synthesised-looking template: CDK-style logical ids (name + 8 hex digits),
// `aws:cdk:path` metadata and the BootstrapVersion parameter / rule that `cdk synth` emits.

export class StackBuilder {
  /**
   * @param {ReturnType<import('./rng.mjs').makeRng>} rng
   * @param {string} stackName
   * @param {number} hygiene probability that any one security setting is done right in this template
   */
  constructor(rng, stackName, hygiene) {
    this.rng = rng;
    this.stackName = stackName;
    this.hygiene = hygiene;
    this.resources = {};
    this.names = new Map();
    /** Shared pieces later blocks wire into (keys, subnets, security groups, buckets…). */
    this.shared = { keys: [], subnets: [], securityGroups: [], vpc: undefined, vpcCidr: '', logBucket: undefined };
  }

  get count() {
    return Object.keys(this.resources).length;
  }

  /** True when this setting is compliant; drawn per setting so every template mixes good and bad. */
  ok(bias = 0) {
    return this.rng.chance(Math.min(1, Math.max(0, this.hygiene + bias)));
  }

  /** Add a resource and return its logical id. `name` is the construct id; repeats get a numeric suffix. */
  add(name, type, properties, extra = {}) {
    const n = (this.names.get(name) ?? 0) + 1;
    this.names.set(name, n);
    const constructId = n === 1 ? name : `${name}${n}`;
    const id = `${constructId}${this.rng.hex8()}`;
    this.resources[id] = {
      Type: type,
      ...(properties ? { Properties: properties } : {}),
      ...extra,
      Metadata: { ...(extra.Metadata ?? {}), 'aws:cdk:path': `${this.stackName}/${constructId}/Resource` },
    };
    return id;
  }

  /** A customer managed key of this template, or undefined (the draw says "no CMK"). */
  key(bias = 0) {
    return this.shared.keys.length && this.ok(bias) ? this.rng.pick(this.shared.keys) : undefined;
  }

  toTemplate(description) {
    return {
      Description: description,
      Resources: this.resources,
      Parameters: {
        BootstrapVersion: {
          Type: 'AWS::SSM::Parameter::Value<String>',
          Default: '/cdk-bootstrap/hnb659fds/version',
          Description:
            'Version of the CDK Bootstrap resources in this environment, automatically retrieved from SSM Parameter Store. [cdk:skip]',
        },
      },
      Rules: {
        CheckBootstrapVersion: {
          Assertions: [
            {
              Assert: { 'Fn::Not': [{ 'Fn::Contains': [['1', '2', '3', '4', '5'], { Ref: 'BootstrapVersion' }] }] },
              AssertDescription:
                "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.",
            },
          ],
        },
      },
    };
  }
}

export const ref = (id) => ({ Ref: id });
export const att = (id, attr) => ({ 'Fn::GetAtt': [id, attr] });
export const sub = (s) => ({ 'Fn::Sub': s });
export const arnOf = (id) => att(id, 'Arn');
