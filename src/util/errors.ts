/**
 * An error the user can act on: it names the file (and field or line) and says what is wrong.
 * The CLI prints its message on one line and exits 2, never a stack trace.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
