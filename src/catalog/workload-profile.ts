import { z } from 'zod';
import { FRAMEWORK_IDS } from './schema.js';

/** Domains whose decisions the guide calls high-liability or safety-critical. */
export const REGULATED_DOMAINS = ['hr', 'lending', 'medical', 'safety', 'legal', 'insurance', 'education'] as const;

/** What Steward knows about a workload; read from steward.yaml and inferred from its files. */
export const WorkloadProfileSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** GenAI scoping-matrix scope, 1 (consumer app) … 5 (self-trained). */
  scope: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).optional(),
  /** Frameworks the workload must meet (catalog framework ids). */
  frameworks: z.array(z.enum(FRAMEWORK_IDS)).default([]),
  /** Highest data classification the workload handles. */
  dataClassification: z.enum(['public', 'internal', 'confidential', 'restricted']).optional(),
  /** Kinds of personal or regulated data handled. */
  dataCategories: z.array(z.enum(['pii', 'phi', 'pci', 'biometric', 'children', 'financial'])).default([]),
  /** Business domains whose decisions the outputs inform. */
  domains: z.array(z.string()).default([]),
  outputs: z
    .strictObject({
      legalRecord: z.boolean().default(false),
      safetyCritical: z.boolean().default(false),
      highLiability: z.boolean().default(false),
      /** A person reviews outputs before they take effect. */
      humanReview: z.boolean().optional(),
    })
    .default({ legalRecord: false, safetyCritical: false, highLiability: false }),
  /** AWS regions where data may reside. */
  regions: z.array(z.string()).default([]),
  owner: z.string().optional(),
  environment: z.enum(['dev', 'test', 'staging', 'prod']).optional(),
});
export type WorkloadProfile = z.infer<typeof WorkloadProfileSchema>;

export interface RegulatedVerdict {
  regulated: boolean;
  reasons: string[];
}

/**
 * The guide's test: a workload is regulated when any compliance framework applies to it, or when its outputs are a
 * legal record, safety-critical or carry significant liability (HR, lending, medical/FDA, safety systems).
 */
export function isRegulated(p: WorkloadProfile): RegulatedVerdict {
  const reasons: string[] = [];
  const regulatory = p.frameworks.filter((f) => f !== 'owasp-llm-2025' && f !== 'nist-ai-rmf');
  if (regulatory.length > 0) reasons.push(`must meet ${regulatory.join(', ')}`);
  if (p.dataCategories.includes('phi')) reasons.push('handles protected health information (HIPAA)');
  if (p.dataCategories.includes('pci')) reasons.push('handles payment card data (PCI DSS)');
  if (p.outputs.legalRecord) reasons.push('outputs constitute a legal record');
  if (p.outputs.safetyCritical) reasons.push('outputs inform safety-critical decisions');
  if (p.outputs.highLiability) reasons.push('outputs carry significant liability');
  const domains = p.domains.filter((d) => (REGULATED_DOMAINS as readonly string[]).includes(d.toLowerCase()));
  if (domains.length > 0) reasons.push(`decisions in a high-liability domain: ${domains.join(', ')}`);
  return { regulated: reasons.length > 0, reasons };
}
