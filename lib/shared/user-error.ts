/**
 * The base class of every error whose message is meant for the user as it stands: the CLI prints
 * the message (and the hint, when there is one) without a stack trace and exits with `exitCode`.
 * Anything else that is thrown is a bug and is reported as an unexpected error.
 */

/** Exit codes shared by every command: 0 success, 1 failure, 2 bad input (plan or arguments). */
export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

export interface UserErrorOptions {
  /** Process exit code the CLI returns for this error. @default 1 (failure) */
  readonly exitCode?: number;
  /** What the user should do next (which flag, file or setting), printed after the message. */
  readonly hint?: string;
}

export class UserError extends Error {
  readonly exitCode: number;
  readonly hint?: string;

  constructor(message: string, options: UserErrorOptions = {}) {
    super(message);
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? EXIT.failure;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/** True for errors meant for the user (a `UserError` or a subclass). */
export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
