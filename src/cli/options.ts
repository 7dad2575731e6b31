import { Option } from 'commander';
import { SEVERITIES } from '../findings/finding.js';

export function severityOption(flags: string, description: string): Option {
  return new Option(flags, description).choices(SEVERITIES);
}

export function formatOption<T extends string>(
  choices: readonly T[],
  defaultValue: T,
  description = 'output format',
): Option {
  return new Option('-f, --format <format>', description).choices(choices).default(defaultValue);
}
