import type { Finding, Severity } from '../findings/finding.js';
import type { Resource, Template } from './graph.js';
import type { SpecIssue } from './spec/validate.js';

/**
 * Findings the engine itself reports about templates (not rule verdicts): files that cannot be parsed, reference
 * cycles, missing nested templates, and properties the CloudFormation specification does not know.
 */

export const ENGINE_CHECKS = {
  parseError: { id: 'template-parse-error', title: 'Template could not be parsed', severity: 'high' },
  cycle: { id: 'template-circular-reference', title: 'Resources reference each other in a cycle', severity: 'high' },
  nestedMissing: {
    id: 'nested-stack-template-missing',
    title: 'Nested stack template not found',
    severity: 'medium',
  },
  loopNotExpanded: {
    id: 'template-loop-not-expanded',
    title: 'Fn::ForEach loop could not be expanded, so its resources were not checked',
    severity: 'medium',
  },
  unknownProperty: {
    id: 'cfn-unknown-property',
    title: 'Property unknown to the CloudFormation specification, or of the wrong type',
    severity: 'low',
  },
  unknownType: {
    id: 'cfn-unknown-resource-type',
    title: 'Resource type unknown to the CloudFormation specification',
    severity: 'info',
  },
} as const satisfies Record<string, { id: string; title: string; severity: Severity }>;

type Check = (typeof ENGINE_CHECKS)[keyof typeof ENGINE_CHECKS];

function base(check: Check): Pick<Finding, 'ruleId' | 'title' | 'severity' | 'controls' | 'part'> {
  return { ruleId: check.id, title: check.title, severity: check.severity, controls: [], part: 'posture' };
}

export function parseErrorFinding(file: string, message: string, line?: number): Finding {
  return {
    ...base(ENGINE_CHECKS.parseError),
    status: 'error',
    message: `${file}${line ? `:${line}` : ''}: ${message}`,
    resource: { type: 'Steward::File', id: file, file, ...(line ? { line } : {}) },
  };
}

function at(r: Resource, path?: readonly (string | number)[]): Finding['resource'] {
  const pos = path?.length ? r.positionOf(path) : r.position;
  return {
    type: r.sourceType ?? r.type,
    id: r.id,
    file: pos.file,
    line: pos.line,
    column: pos.column,
    ...(r.constructPath ? { path: r.constructPath } : {}),
  };
}

/** A reference cycle, reported on its first resource, naming every step. */
export function cycleFinding(template: Template, cycle: string[]): Finding {
  const first = template.resources.find((r) => r.id === cycle[0])!;
  return {
    ...base(ENGINE_CHECKS.cycle),
    status: 'error',
    message: `${template.file}: circular reference ${[...cycle, cycle[0]].join(' → ')}; CloudFormation rejects this template`,
    resource: at(first),
    evidence: { cycle },
  };
}

/** Nested stacks whose templates refer back to a template already being expanded. */
export function nestedCycleFinding(stack: Resource, chain: string[]): Finding {
  return {
    ...base(ENGINE_CHECKS.cycle),
    status: 'error',
    message: `nested stacks form a cycle: ${chain.join(' → ')}`,
    resource: at(stack),
    evidence: { nestedStacks: chain },
  };
}

export function nestedMissingFinding(stack: Resource, shown: string, property: string): Finding {
  return {
    ...base(ENGINE_CHECKS.nestedMissing),
    status: 'error',
    message: `nested stack ${stack.id}: template ${shown} (${property}) does not exist; it was not scanned`,
    resource: at(stack, [property]),
  };
}

export function specFinding(r: Resource, issue: SpecIssue): Finding {
  const check = issue.kind === 'unknown-type' ? ENGINE_CHECKS.unknownType : ENGINE_CHECKS.unknownProperty;
  return {
    ...base(check),
    status: 'fail',
    message: `${r.id}: ${issue.message}`,
    resource: at(r, issue.path),
  };
}

/**
 * An `Fn::ForEach` loop the source could not expand (a collection with no value, a malformed loop): its resources
 * were not checked, which the report must say rather than pass over in silence.
 */
export function loopNotExpandedFinding(template: Template, loop: { id: string; reason: string }): Finding {
  const line = /^line (\d+):/.exec(loop.reason)?.[1];
  return {
    ...base(ENGINE_CHECKS.loopNotExpanded),
    status: 'error',
    message: `${template.file}: ${loop.id}: ${loop.reason}`,
    resource: {
      type: 'AWS::LanguageExtensions::ForEach',
      id: loop.id,
      file: template.file,
      ...(line ? { line: Number(line) } : {}),
    },
  };
}
