/**
 * `prompt_injection` (OWASP LLM01): a layered detector for prompt injection and jailbreaks.
 *
 * 1. normalise.ts — folds NFKC forms, diacritics, invisible and tag characters, homoglyphs, leetspeak, whitespace.
 * 2. decode.ts — finds base64 / hex / URL / `\u` / HTML-entity / ROT13 payloads; decoded text is scanned too.
 * 3. heuristics.ts — weighted patterns: instruction override, role play / DAN, prompt extraction, delimiters,
 *    instructions addressed to the AI, obfuscation signals.
 * 4. classifier.ts — logistic regression over hashed n-grams, trained by scripts/train-injection-model.mjs on
 *    shared/datasets/prompt-injection/train.jsonl plus generated benign chat, shipped as
 *    data/guard/prompt-injection-model.json. Two heads: `prompt` for user/system turns and `document` for
 *    documents and tool results (see model.ts).
 *
 * Indirect injection: the pipeline runs this scanner on every segment its policy lists (`on: [user, document,
 * tool]`), so retrieved documents and tool results are scanned like the user turn. The document head scores
 * overlapping windows of long texts, so one injected paragraph in a long document is not diluted by the rest.
 *
 * The score is 0.5 exactly at the model's calibrated threshold for the chosen sensitivity (`medium`: ≤ 1 % false
 * positives on held-out benign training rows and calibration chat), so the pipeline's default threshold of 0.5 is
 * that operating point. The model is loaded and the scan warmed up in `create()` (policy load), not per request.
 */
import { z } from 'zod';
import type { Scanner, ScannerFactory, ScanResult, SegmentRole } from '../../types.js';
import { loadInjectionModel } from './model.js';
import { scoreInjection } from './score.js';
import { warmUpOnce } from './warm-up.js';

const SensitivityLevel = z.enum(['low', 'medium', 'high']);
const Role = z.enum(['system', 'user', 'assistant', 'tool', 'document']);

const PromptInjectionOptions = z.strictObject({
  /**
   * low ≈ 0.1 %, medium ≈ 1 %, high ≈ 3 % false positives on held-out benign prompts and on generated chat whose
   * vocabulary the model has not seen (calibration targets; see docs/guard-scanners-injection.md for measured rates).
   */
  sensitivity: SensitivityLevel.default('medium'),
  /** Sensitivity for `document` and `tool` segments (retrieved content, tool results); defaults to `sensitivity`. */
  documentSensitivity: SensitivityLevel.optional(),
  /** Scan only segments with these roles (default: every segment the policy sends). */
  roles: z.array(Role).min(1, 'list at least one role, or leave `roles` out to scan every segment').optional(),
  /** Path to another model file trained by scripts/train-injection-model.mjs (default: the shipped one). */
  model: z.string().min(1).optional(),
});
type PromptInjectionOptions = z.infer<typeof PromptInjectionOptions>;

const NOTHING: ScanResult = { score: 0, spans: [] };
const DOCUMENT_ROLES: ReadonlySet<SegmentRole> = new Set(['document', 'tool']);

export const promptInjectionScanner: ScannerFactory<PromptInjectionOptions> = {
  name: 'prompt_injection',
  description:
    'Prompt injection and jailbreak detector: Unicode/homoglyph/leetspeak folding, base64/hex/ROT13/URL payload ' +
    'decoding, weighted heuristics and a trained n-gram classifier; scans documents and tool results for indirect injection.',
  owasp: ['LLM01'],
  directions: ['input'],
  defaultAction: 'block',
  defaultThreshold: 0.5,
  options: PromptInjectionOptions as z.ZodType<PromptInjectionOptions>,
  create(options): Scanner {
    // Model load and warm-up happen here, at policy load, so no request pays for them.
    const model = loadInjectionModel(options.model);
    warmUpOnce(model);
    const roles = options.roles ? new Set<SegmentRole>(options.roles) : undefined;
    const promptThreshold = model.prompt.thresholds[options.sensitivity];
    const documentThreshold = model.document.thresholds[options.documentSensitivity ?? options.sensitivity];
    return {
      name: 'prompt_injection',
      scan(text, ctx) {
        if (roles && !roles.has(ctx.role)) return NOTHING;
        if (text.length === 0) return NOTHING;
        return DOCUMENT_ROLES.has(ctx.role)
          ? scoreInjection(text, model.document, documentThreshold)
          : scoreInjection(text, model.prompt, promptThreshold);
      },
    };
  },
};
