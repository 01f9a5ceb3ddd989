import { join } from 'node:path'
import { RUNNER_LABEL, type InputLabel } from '../common/input-label.js'
import { maskUrlCredentials } from '../store-url/url.js'
import { displayPath, readOptionalText } from './files.js'
import { parseShellConf } from './shell-conf.js'

export const RFS_CONF_KEYS = [
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_BUCKET',
  'S3_PREFIX',
  'S3_ACCESS_KEY',
  'S3_SECRET_KEY',
  'MANIFEST_BUCKET',
  'FIRMWARE_TAG',
  'PUBLIC_URL'
] as const
export type RfsConfKey = (typeof RFS_CONF_KEYS)[number]

export interface RfsConf {
  /** The file as the user knows it (config/rfs.conf), for messages. */
  file: string
  /** Keys with a non-empty value; `KEY=` counts as unset, as an empty setting means nothing here. */
  values: Partial<Record<RfsConfKey, string>>
  warnings: string[]
}

// Other keys may be helpers for $VAR references; only ones that look like a misspelt setting of
// ours are worth a warning.
const LOOKS_LIKE_OURS = /^(S3|MANIFEST|FIRMWARE|PUBLIC)_/

/** The settings of an rfs.conf's assignments. */
export function rfsConfFromValues(assignments: Map<string, string>, file: string): RfsConf {
  const values: Partial<Record<RfsConfKey, string>> = {}
  const warnings: string[] = []
  for (const [key, value] of assignments) {
    if ((RFS_CONF_KEYS as readonly string[]).includes(key)) {
      if (value !== '') values[key as RfsConfKey] = value
    } else if (LOOKS_LIKE_OURS.test(key)) {
      warnings.push(
        `${file}: unknown key ${key} is ignored (known keys: ${RFS_CONF_KEYS.join(', ')})`
      )
    }
  }
  return { file, values, warnings }
}

/**
 * config/rfs.conf; a project without one simply has no S3 settings there. Its secrets go to
 * `mask` (the runner's log masking) as soon as the file is parsed.
 */
export async function readRfsConf(
  configDir: string,
  projectRoot: string,
  mask: (secret: string) => void,
  label: InputLabel = RUNNER_LABEL
): Promise<RfsConf> {
  const path = join(configDir, 'rfs.conf')
  const file = displayPath(path, projectRoot)
  const text = await readOptionalText(path, file, label)
  if (text === undefined) return { file, values: {}, warnings: [] }
  const conf = rfsConfFromValues(parseShellConf(text, file), file)
  maskS3Secret(conf.values.S3_SECRET_KEY, mask)
  maskUrlCredentials(conf.values.S3_ENDPOINT, mask)
  maskUrlCredentials(conf.values.PUBLIC_URL, mask)
  return conf
}

/** Hands the S3 secret to `mask` as given and as the store URL carries it. */
export function maskS3Secret(secret: string | undefined, mask: (secret: string) => void): void {
  if (!secret) return
  mask(secret)
  const encoded = encodeURIComponent(secret)
  if (encoded !== secret) mask(encoded)
}
