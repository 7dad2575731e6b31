/**
 * A managed policy ARN as text: a string, an `Fn::Sub` template, or an `Fn::Join` whose non-string parts (the
 * `${AWS::Partition}` CDK writes) become `*`. Undefined for a plain Ref or GetAtt (a policy declared in the template).
 */
export function arnText(arn: unknown): string | undefined {
  if (typeof arn === 'string') return arn;
  if (!arn || typeof arn !== 'object' || Array.isArray(arn)) return undefined;
  const o = arn as Record<string, unknown>;
  const sub = o['Fn::Sub'];
  if (sub !== undefined) {
    const text = Array.isArray(sub) ? sub[0] : sub;
    return typeof text === 'string' ? text : undefined;
  }
  const join = o['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1]))
    return join[1].map((part) => (typeof part === 'string' ? part : '*')).join(join[0]);
  return undefined;
}

/** The name of an AWS managed policy (`AmazonSageMakerFullAccess`, `service-role/…`), whatever partition it names. */
export function awsManagedPolicyName(arn: unknown): string | undefined {
  const m = /:iam::aws:policy\/(.+)$/.exec(arnText(arn) ?? '');
  return m?.[1];
}
