import { maskS3Secret, maskUrlCredentials } from './runner.js'
import { inputDefinition, type InputName, type RawInputs } from './input-table.js'

/**
 * Masks every secret the inputs hold: the S3 secret, and the credentials of URL-shaped inputs.
 * The entry calls it on the raw inputs before they are checked, so no message about a value, nor
 * anything later, can show a secret on a runner.
 */
export function maskInputSecrets(raw: RawInputs): void {
  for (const [name, value] of Object.entries(raw)) {
    const kind = inputDefinition(name as InputName)?.kind
    if (kind === 'secret') maskS3Secret(value)
    else if (kind === 'url' || kind === 'store-specs') maskUrlCredentials(value)
  }
}
