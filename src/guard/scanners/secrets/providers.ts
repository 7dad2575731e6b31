/**
 * Token formats of common providers: a distinctive prefix plus a fixed alphabet and length, as the providers
 * document them (and as GitHub secret scanning / gitleaks match them). Order = priority when two could match.
 */
export interface ProviderToken {
  entity: string;
  /** Regex source, no anchors or flags; matched at a word boundary. */
  pattern: string;
  score: number;
}

export const PROVIDER_TOKENS: readonly ProviderToken[] = [
  { entity: 'GITHUB_TOKEN', pattern: 'gh[pousr]_[A-Za-z0-9]{36}', score: 0.95 },
  { entity: 'GITHUB_TOKEN', pattern: 'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}', score: 0.95 },
  { entity: 'GITLAB_TOKEN', pattern: 'glpat-[A-Za-z0-9_\\-]{20}', score: 0.95 },
  { entity: 'SLACK_TOKEN', pattern: 'xox[abposr]-(?:\\d{6,16}-){1,3}[A-Za-z0-9\\-]{8,64}', score: 0.95 },
  {
    entity: 'SLACK_WEBHOOK',
    pattern: 'https://hooks\\.slack\\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}',
    score: 0.95,
  },
  { entity: 'STRIPE_KEY', pattern: '[sr]k_live_[A-Za-z0-9]{24,99}', score: 0.95 },
  { entity: 'STRIPE_KEY', pattern: '[sr]k_test_[A-Za-z0-9]{24,99}', score: 0.7 },
  { entity: 'ANTHROPIC_API_KEY', pattern: 'sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_\\-]{80,120}', score: 0.95 },
  { entity: 'OPENAI_API_KEY', pattern: 'sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_\\-]{40,200}', score: 0.95 },
  { entity: 'OPENAI_API_KEY', pattern: 'sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}', score: 0.95 },
  { entity: 'GOOGLE_API_KEY', pattern: 'AIza[0-9A-Za-z_\\-]{35}', score: 0.9 },
  { entity: 'NPM_TOKEN', pattern: 'npm_[A-Za-z0-9]{36}', score: 0.95 },
  { entity: 'HUGGINGFACE_TOKEN', pattern: 'hf_[A-Za-z]{34}', score: 0.9 },
  { entity: 'SENDGRID_API_KEY', pattern: 'SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}', score: 0.95 },
  { entity: 'PYPI_TOKEN', pattern: 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\\-]{50,300}', score: 0.95 },
  { entity: 'DIGITALOCEAN_TOKEN', pattern: 'do[opr]_v1_[a-f0-9]{64}', score: 0.95 },
  { entity: 'SHOPIFY_TOKEN', pattern: 'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}', score: 0.95 },
  { entity: 'DATABRICKS_TOKEN', pattern: 'dapi[a-f0-9]{32}(?:-\\d)?', score: 0.85 },
  { entity: 'TWILIO_API_KEY', pattern: 'SK[0-9a-f]{32}', score: 0.75 },
  { entity: 'MAILCHIMP_API_KEY', pattern: '[0-9a-f]{32}-us\\d{1,2}', score: 0.85 },
  { entity: 'TELEGRAM_BOT_TOKEN', pattern: '\\d{8,10}:AA[A-Za-z0-9_\\-]{33}', score: 0.85 },
  { entity: 'AZURE_STORAGE_KEY', pattern: 'AccountKey=[A-Za-z0-9+/]{86}==', score: 0.95 },
];

/** Provider-token entity names (deduplicated), for the options enum and docs. */
export const PROVIDER_ENTITIES: readonly string[] = [...new Set(PROVIDER_TOKENS.map((p) => p.entity))];

/**
 * All formats in one regex, one capture group per format: one scan finds every provider token, and the group that
 * matched names it. Every quantifier is bounded and each alternative starts with a literal prefix.
 */
export const PROVIDER_REGEX = new RegExp(
  `\\b(?:${PROVIDER_TOKENS.map((p) => `(${p.pattern})`).join('|')})(?![A-Za-z0-9_\\-])`,
  'g',
);
