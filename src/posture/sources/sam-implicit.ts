/**
 * Resources the SAM transform generates that the template never declares, so IAM and API rules can judge them:
 * - `<Function>Role` (AWS::IAM::Role) for an `AWS::Serverless::Function` without `Role`, holding the managed
 *   policies SAM attaches (basic execution, X-Ray, VPC access, event-source polling) and the function's `Policies`:
 *   managed policy names or ARNs, inline policy documents, and the names of SAM policy templates (kept in the
 *   role's metadata, not expanded);
 * - `ServerlessRestApi` (RestApi, Deployment and the `Prod` stage) for `Api` events without `RestApiId`, and
 *   `ServerlessHttpApi` (Api and `$default` stage) for `HttpApi` events without `ApiId`, with Globals applied.
 * Generated resources point at the function (or the event) that causes them.
 */
import type { SourcePosition } from '../graph.js';

type Path = (string | number)[];
type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);
const isFunctionCall = (v: unknown): boolean => {
  if (!isRec(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
};
const NO_VALUE = { Ref: 'AWS::NoValue' };
const isNoValue = (v: unknown) => isRec(v) && v.Ref === 'AWS::NoValue' && Object.keys(v).length === 1;

/** A declared SAM resource: properties with Globals applied (conditions undecided) and where they are written. */
export interface SamResourceInput {
  id: string;
  type: string;
  properties: Rec;
  condition?: string;
  position(): SourcePosition;
  positionAt(path: readonly (string | number)[]): SourcePosition;
}

export interface ImplicitResource {
  id: string;
  type: string;
  /** Properties as SAM would write them, `Fn::If`s undecided. */
  properties: Rec;
  condition?: string;
  metadata: Rec;
  position(): SourcePosition;
  positionAt(path: readonly (string | number)[]): SourcePosition;
}

export interface SamImplicit {
  resources: ImplicitResource[];
  /** Properties SAM sets on declared resources (a function's `Role`), by logical id. */
  added: Map<string, Rec>;
}

const MANAGED = 'arn:aws:iam::aws:policy/';
/** AWS managed policies SAM names that live under the `service-role/` path. */
const SERVICE_ROLE_POLICIES = new Set([
  'AWSLambdaBasicExecutionRole',
  'AWSLambdaVPCAccessExecutionRole',
  'AWSLambdaSQSQueueExecutionRole',
  'AWSLambdaKinesisExecutionRole',
  'AWSLambdaDynamoDBExecutionRole',
  'AWSLambdaMSKExecutionRole',
  'AWSLambdaRole',
  'AWSLambdaENIManagementAccess',
]);
/** Event sources whose polling permissions SAM grants through a managed policy. */
const EVENT_POLICIES: Record<string, string> = {
  SQS: 'AWSLambdaSQSQueueExecutionRole',
  Kinesis: 'AWSLambdaKinesisExecutionRole',
  DynamoDB: 'AWSLambdaDynamoDBExecutionRole',
  MSK: 'AWSLambdaMSKExecutionRole',
};

const managedArn = (name: string): string =>
  name.startsWith('arn:') ? name : `${MANAGED}${SERVICE_ROLE_POLICIES.has(name) ? 'service-role/' : ''}${name}`;

const LAMBDA_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } }],
};

/** One `Policies` entry split into what SAM makes of it; `Fn::If` entries split branch by branch. */
interface Split {
  managed?: unknown;
  inline?: unknown;
  templates: string[];
}

function splitPolicy(p: unknown, policyName: string): Split {
  const fnIf = isRec(p) && Object.keys(p).length === 1 ? p['Fn::If'] : undefined;
  if (Array.isArray(fnIf) && fnIf.length === 3 && typeof fnIf[0] === 'string') {
    const a = splitPolicy(fnIf[1], policyName);
    const b = splitPolicy(fnIf[2], policyName);
    const either = (x: unknown, y: unknown) =>
      x === undefined && y === undefined ? undefined : { 'Fn::If': [fnIf[0], x ?? NO_VALUE, y ?? NO_VALUE] };
    return {
      managed: either(a.managed, b.managed),
      inline: either(a.inline, b.inline),
      templates: [...a.templates, ...b.templates],
    };
  }
  if (typeof p === 'string') return { managed: managedArn(p), templates: [] };
  if (isNoValue(p) || !isRec(p)) return { templates: [] };
  if ('Statement' in p) return { inline: { PolicyName: policyName, PolicyDocument: p }, templates: [] };
  // A managed policy ARN computed by an intrinsic (`!Ref ManagedPolicy`, `!Sub arn:…`).
  if (isFunctionCall(p)) return { managed: p, templates: [] };
  // `{ S3ReadPolicy: { BucketName: … } }`: a SAM policy template.
  return { templates: Object.keys(p).slice(0, 1) };
}

function policyList(policies: unknown): unknown[] {
  if (Array.isArray(policies)) return policies;
  return policies === undefined || policies === null ? [] : [policies];
}

/** A role path's counterpart in the function: `PolicyDocument` exists only in the role. */
function inFunction(rest: readonly (string | number)[]): Path {
  const out: Path = [];
  for (const step of rest) {
    if (step === 'PolicyName') break;
    if (step !== 'PolicyDocument') out.push(step);
  }
  return out;
}

function tagList(tags: unknown, base: Rec[] = []): Rec[] {
  if (!isRec(tags) || isFunctionCall(tags)) return base;
  return [...base, ...Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))];
}

function implicitRole(fn: SamResourceInput): ImplicitResource {
  const p = fn.properties;
  const managed: unknown[] = [];
  const managedFrom: Path[] = [];
  const inline: unknown[] = [];
  const inlineFrom: Path[] = [];
  const templates: string[] = [];
  const addManaged = (arn: unknown, from: Path) => {
    managed.push(arn);
    managedFrom.push(from);
  };
  addManaged(managedArn('AWSLambdaBasicExecutionRole'), []);
  if (p.Tracing === 'Active') addManaged(`${MANAGED}AWSXrayWriteOnlyAccess`, ['Tracing']);
  if (p.VpcConfig !== undefined && !isNoValue(p.VpcConfig))
    addManaged(managedArn('AWSLambdaVPCAccessExecutionRole'), ['VpcConfig']);
  const events = isRec(p.Events) ? p.Events : {};
  for (const [name, e] of Object.entries(events)) {
    const policy = isRec(e) && typeof e.Type === 'string' ? EVENT_POLICIES[e.Type] : undefined;
    if (policy) addManaged(managedArn(policy), ['Events', name]);
  }
  const given = Array.isArray(p.Policies) ? 'list' : 'single';
  policyList(p.Policies).forEach((entry, i) => {
    const split = splitPolicy(entry, `${fn.id}RolePolicy${i}`);
    const from: Path = given === 'list' ? ['Policies', i] : ['Policies'];
    if (split.managed !== undefined) addManaged(split.managed, from);
    if (split.inline !== undefined) {
      inline.push(split.inline);
      inlineFrom.push(from);
    }
    templates.push(...split.templates);
  });

  const props: Rec = {
    AssumeRolePolicyDocument: p.AssumeRolePolicyDocument ?? LAMBDA_TRUST,
    ManagedPolicyArns: managed,
  };
  if (inline.length) props.Policies = inline;
  if (p.PermissionsBoundary !== undefined) props.PermissionsBoundary = p.PermissionsBoundary;
  props.Tags = tagList(p.Tags, [{ Key: 'lambda:createdBy', Value: 'SAM' }]);

  const metadata: Rec = { 'steward:generatedBy': { transform: 'AWS::Serverless-2016-10-31', from: fn.id } };
  if (templates.length) (metadata['steward:generatedBy'] as Rec).policyTemplates = templates;
  return {
    id: `${fn.id}Role`,
    type: 'AWS::IAM::Role',
    properties: props,
    ...(fn.condition ? { condition: fn.condition } : {}),
    metadata,
    position: () => fn.position(),
    positionAt(path) {
      const [head, index, ...rest] = path;
      if (head === 'ManagedPolicyArns' && typeof index === 'number' && managedFrom[index])
        return managedFrom[index].length ? fn.positionAt([...managedFrom[index], ...rest]) : fn.position();
      if (head === 'Policies' && typeof index === 'number' && inlineFrom[index])
        return fn.positionAt([...inlineFrom[index], ...inFunction(rest)]);
      if ((head === 'PermissionsBoundary' || head === 'AssumeRolePolicyDocument') && p[head] !== undefined)
        return fn.positionAt(path);
      return fn.position();
    },
  };
}

interface ApiEvent {
  fn: SamResourceInput;
  name: string;
}

/** Events of `type` that do not name an API (`RestApiId` / `ApiId`): they go to SAM's implicit API. */
function implicitApiEvents(functions: SamResourceInput[], type: string, apiKey: string): ApiEvent[] {
  const out: ApiEvent[] = [];
  for (const fn of functions) {
    const events = isRec(fn.properties.Events) ? fn.properties.Events : {};
    for (const [name, e] of Object.entries(events)) {
      if (!isRec(e) || e.Type !== type) continue;
      const props = isRec(e.Properties) ? e.Properties : {};
      if (props[apiKey] === undefined) out.push({ fn, name });
    }
  }
  return out;
}

/** The condition every contributing function shares, if they share one (SAM ORs differing ones). */
function sharedCondition(events: ApiEvent[]): string | undefined {
  const first = events[0]?.fn.condition;
  return first && events.every((e) => e.fn.condition === first) ? first : undefined;
}

function pick(source: Rec, keys: readonly string[]): Rec {
  const out: Rec = {};
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  return out;
}

const REST_STAGE_KEYS = [
  'AccessLogSetting',
  'CacheClusterEnabled',
  'CacheClusterSize',
  'CanarySetting',
  'MethodSettings',
  'TracingEnabled',
  'Variables',
] as const;
const HTTP_STAGE_KEYS = ['AccessLogSettings', 'DefaultRouteSettings', 'RouteSettings', 'StageVariables'] as const;

/** SAM's `EndpointConfiguration` (`REGIONAL` or `{ Type, VPCEndpointIds }`) in RestApi shape. */
function endpointConfiguration(v: unknown): Rec | undefined {
  if (typeof v === 'string') return { Types: [v] };
  if (!isRec(v) || isFunctionCall(v)) return undefined;
  return { Types: [v.Type], ...(v.VPCEndpointIds !== undefined ? { VpcEndpointIds: v.VPCEndpointIds } : {}) };
}

function implicitApis(
  functions: SamResourceInput[],
  globals: Rec,
  taken: ReadonlySet<string>,
  at: (path: readonly (string | number)[]) => SourcePosition,
): ImplicitResource[] {
  const out: ImplicitResource[] = [];
  const generate = (
    events: ApiEvent[],
    section: 'Api' | 'HttpApi',
    build: (g: Rec) => { id: string; type: string; properties: Rec }[],
  ) => {
    if (!events.length) return;
    const g = isRec(globals[section]) ? (globals[section] as Rec) : {};
    const first = events[0]!;
    const eventPosition = () => first.fn.positionAt(['Events', first.name]);
    const condition = sharedCondition(events);
    for (const r of build(g)) {
      if (taken.has(r.id)) continue;
      out.push({
        ...r,
        ...(condition ? { condition } : {}),
        metadata: { 'steward:generatedBy': { transform: 'AWS::Serverless-2016-10-31', from: first.fn.id } },
        position: eventPosition,
        // Settings that came from Globals point there; the rest at the first event that needs the API.
        positionAt: (path) =>
          typeof path[0] === 'string' && g[path[0]] !== undefined ? at(['Globals', section, ...path]) : eventPosition(),
      });
    }
  };

  generate(implicitApiEvents(functions, 'Api', 'RestApiId'), 'Api', (g) => {
    const endpoint = endpointConfiguration(g.EndpointConfiguration);
    return [
      {
        id: 'ServerlessRestApi',
        type: 'AWS::ApiGateway::RestApi',
        properties: {
          ...pick(g, ['Name', 'BinaryMediaTypes', 'MinimumCompressionSize']),
          ...(endpoint ? { EndpointConfiguration: endpoint } : {}),
        },
      },
      {
        id: 'ServerlessRestApiDeployment',
        type: 'AWS::ApiGateway::Deployment',
        properties: { RestApiId: { Ref: 'ServerlessRestApi' } },
      },
      {
        id: 'ServerlessRestApiProdStage',
        type: 'AWS::ApiGateway::Stage',
        properties: {
          RestApiId: { Ref: 'ServerlessRestApi' },
          DeploymentId: { Ref: 'ServerlessRestApiDeployment' },
          StageName: 'Prod',
          ...pick(g, REST_STAGE_KEYS),
          ...(isRec(g.Tags) ? { Tags: tagList(g.Tags) } : {}),
        },
      },
    ];
  });

  generate(implicitApiEvents(functions, 'HttpApi', 'ApiId'), 'HttpApi', (g) => [
    {
      id: 'ServerlessHttpApi',
      type: 'AWS::ApiGatewayV2::Api',
      properties: { ProtocolType: 'HTTP', ...pick(g, ['Name', 'DisableExecuteApiEndpoint']) },
    },
    {
      id: 'ServerlessHttpApiApiGatewayDefaultStage',
      type: 'AWS::ApiGatewayV2::Stage',
      properties: {
        ApiId: { Ref: 'ServerlessHttpApi' },
        StageName: '$default',
        AutoDeploy: true,
        ...pick(g, HTTP_STAGE_KEYS),
        ...(isRec(g.Tags) ? { Tags: g.Tags } : {}),
      },
    },
  ]);
  return out;
}

/**
 * The implicit resources SAM would add for these declared resources. `taken` holds every declared logical id: SAM
 * never replaces a declared resource, and neither does this.
 */
export function implicitSamResources(
  declared: readonly SamResourceInput[],
  globals: Rec,
  taken: ReadonlySet<string>,
  at: (path: readonly (string | number)[]) => SourcePosition,
): SamImplicit {
  const functions = declared.filter((r) => r.type === 'AWS::Serverless::Function');
  const resources: ImplicitResource[] = [];
  const added = new Map<string, Rec>();
  for (const fn of functions) {
    if (fn.properties.Role !== undefined) continue;
    const role = implicitRole(fn);
    if (taken.has(role.id)) continue;
    resources.push(role);
    added.set(fn.id, { Role: { 'Fn::GetAtt': [role.id, 'Arn'] } });
  }
  resources.push(...implicitApis(functions, globals, taken, at));
  return { resources, added };
}
