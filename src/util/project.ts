/** The project's home; rule documentation links and SARIF `informationUri` hang off it. */
export const PROJECT_URL = 'https://github.com/steward/steward';

/** Documentation anchor for a posture rule in docs/rules.md. */
export function ruleDocsUrl(ruleId: string): string {
  return `${PROJECT_URL}/blob/main/docs/rules.md#${ruleId}`;
}
