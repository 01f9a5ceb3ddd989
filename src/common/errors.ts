/**
 * A mistake the user can fix: bad input, a missing file, a refused credential. The action ends
 * with its one-line message and no stack trace. Anything else is a bug and keeps its stack.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UserError'
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}

/** The message of any thrown value, on one line. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.replace(/\s*\r?\n\s*/g, ' ').trim()
}
