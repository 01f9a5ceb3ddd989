import * as core from '@actions/core'

/** True inside a GitHub (or compatible) runner step, false in a shell run. */
export function onRunner(): boolean {
  return process.env.GITHUB_ACTIONS === 'true' || process.env.GITHUB_OUTPUT !== undefined
}

/**
 * Masks a secret in the runner's log. In a shell there is no runner to consume the mask command,
 * and printing it would show the very secret it hides.
 */
export function maskSecret(value: string | undefined): void {
  if (value && onRunner()) core.setSecret(value)
}
