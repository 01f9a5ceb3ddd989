import * as core from '@actions/core'

/** True inside a GitHub (or compatible) runner step, false in a shell run. */
export function onRunner(): boolean {
  return process.env.GITHUB_ACTIONS === 'true' || process.env.GITHUB_OUTPUT !== undefined
}

/** Shorter lines of a secret are left unmasked: masking them would hide those letters everywhere. */
const SHORTEST_MASKED_LINE = 3

/**
 * Masks a secret in the runner's log. In a shell there is no runner to consume the mask command,
 * and printing it would show the very secret it hides. A secret of several lines (a key file) is
 * also masked line by line, since the log shows each line on its own.
 */
export function maskSecret(value: string | undefined): void {
  if (!value || !onRunner()) return
  core.setSecret(value)
  if (!/[\r\n]/.test(value)) return
  for (const line of value.split(/\r?\n|\r/)) {
    if (line.length >= SHORTEST_MASKED_LINE) core.setSecret(line)
  }
}
