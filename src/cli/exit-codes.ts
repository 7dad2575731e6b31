/** Exit codes, documented in the README: CI pipelines branch on them. */
export const EXIT = {
  /** No open finding at or above --fail-on. */
  ok: 0,
  /** Open findings at or above --fail-on. */
  findings: 1,
  /** Bad usage or bad input (missing folder, malformed steward.yaml…). */
  usage: 2,
  /** A bug in Steward itself. */
  internal: 3,
} as const;
