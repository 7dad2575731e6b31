import { z } from 'zod';

/** Defense-in-depth layers, innermost first, as the guide orders them. */
export const LAYERS = [
  'data-protection',
  'identity-access',
  'application',
  'network-edge',
  'infrastructure',
  'threat-detection-response',
  'policies-procedures',
] as const;
export type Layer = (typeof LAYERS)[number];

export const LAYER_TITLES: Record<Layer, string> = {
  'data-protection': 'Data protection',
  'identity-access': 'Identity & access management',
  application: 'Application protection',
  'network-edge': 'Network & edge protection',
  infrastructure: 'Infrastructure protection',
  'threat-detection-response': 'Threat detection & incident response',
  'policies-procedures': 'Policies, procedures & awareness',
};

export const VIEWS = ['security', 'governance', 'compliance'] as const;
export type View = (typeof VIEWS)[number];

export const RESPONSIBILITIES = ['customer', 'aws', 'shared'] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];

/** GenAI security scoping matrix: 1 consumer app … 5 self-trained model. */
export const SCOPES = [1, 2, 3, 4, 5] as const;
export type Scope = (typeof SCOPES)[number];
export const SCOPE_TITLES: Record<Scope, string> = {
  1: 'Consumer app',
  2: 'Enterprise app',
  3: 'Pre-trained models',
  4: 'Fine-tuned models',
  5: 'Self-trained models',
};

/** Which Steward part can produce evidence for a control. `manual` means a person attests it. */
export const EVIDENCE_SOURCES = ['posture', 'account', 'guard', 'redteam', 'data', 'registry', 'manual'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export const FRAMEWORK_IDS = [
  'nist-800-53-r5',
  'iso-27001-2022',
  'soc2',
  'hipaa',
  'gdpr',
  'pci-dss-4',
  'eu-ai-act',
  'nist-ai-rmf',
  'iso-42001',
  'owasp-llm-2025',
] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lower-case kebab-case, e.g. dp-kms-cmk-at-rest');

export const ControlSchema = z.strictObject({
  id,
  title: z.string().min(3),
  description: z.string().min(10),
  rationale: z.string().min(10),
  layer: z.enum(LAYERS),
  view: z.enum(VIEWS),
  /** The scopes in which the control applies (ascending, no gaps needed). */
  scopes: z.array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)])).min(1),
  responsibility: z.enum(RESPONSIBILITIES),
  services: z.array(z.string()).default([]),
  evidence: z.array(z.enum(EVIDENCE_SOURCES)).min(1),
  /** Framework id → requirement ids in that framework. */
  mappings: z.partialRecord(z.enum(FRAMEWORK_IDS), z.array(z.string().min(1)).min(1)),
  tags: z.array(z.string()).default([]),
});
export type Control = z.infer<typeof ControlSchema>;

export const RequirementSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  /** Grouping inside the framework: NIST family, ISO theme, AI RMF function, OWASP edition… */
  group: z.string().optional(),
  /** Other ids that name the same requirement (e.g. OWASP LLM 2023 v1.1 ids). */
  aliases: z.array(z.string()).default([]),
});
export type Requirement = z.infer<typeof RequirementSchema>;

export const FrameworkSchema = z.strictObject({
  id: z.enum(FRAMEWORK_IDS),
  title: z.string(),
  version: z.string(),
  url: z.string().url().optional(),
  groups: z.array(z.strictObject({ id: z.string(), title: z.string() })).default([]),
  requirements: z.array(RequirementSchema).min(1),
});
export type Framework = z.infer<typeof FrameworkSchema>;

export const DISCIPLINES = [
  'governance-compliance',
  'legal-privacy',
  'risk-management',
  'controls',
  'resilience',
] as const;
export type Discipline = (typeof DISCIPLINES)[number];

export const ScopingMatrixSchema = z.strictObject({
  disciplines: z.array(z.strictObject({ id: z.enum(DISCIPLINES), title: z.string() })).length(DISCIPLINES.length),
  scopes: z
    .array(
      z.strictObject({
        scope: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
        title: z.string(),
        description: z.string(),
        example: z.string(),
        /** What this scope asks of the customer, per discipline. */
        asks: z.record(z.enum(DISCIPLINES), z.array(z.string().min(5)).min(1)),
      }),
    )
    .length(5),
});
export type ScopingMatrix = z.infer<typeof ScopingMatrixSchema>;
