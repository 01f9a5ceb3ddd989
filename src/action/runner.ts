import * as core from '@actions/core'
import { maskS3Secret as maskS3SecretWith } from '../config/rfs-conf.js'
import { maskUrlCredentials as maskUrlCredentialsWith } from '../store-url/url.js'

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

/** Masks the S3 secret in the runner's log, as given and as the store URL carries it. */
export function maskS3Secret(secret: string | undefined): void {
  maskS3SecretWith(secret, maskSecret)
}

/** Masks the credentials of each line of URL-shaped text in the runner's log. */
export function maskUrlCredentials(text: string | undefined): void {
  maskUrlCredentialsWith(text, maskSecret)
}
