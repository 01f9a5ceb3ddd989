// The boot-unit inputs, checked: each value ends up in a unit file or the node's shell script.
import { UserError } from '../common/errors.js'
import { UNIT_NAMES } from './units.js'
import type { BootOptions } from '../plan/settings.js'

export const DEFAULT_NETWORK_UNIT = 'internet'
export const DEFAULT_CACHE_DIR = '/run/flists'

// zinit names a unit by its file name; the name also goes unquoted into `after:` lists.
const UNIT_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/
// Written into the script; kept to characters no shell or path treats specially.
const CACHE_DIR = /^\/[A-Za-z0-9._/-]*$/

export interface BootInputs {
  networkUnit?: string
  manifestUrl?: string
  cacheDir?: string
}

export function parseBootOptions(inputs: BootInputs, label: (name: string) => string): BootOptions {
  const networkUnit = inputs.networkUnit ?? DEFAULT_NETWORK_UNIT
  if (!UNIT_NAME.test(networkUnit)) {
    throw new UserError(
      `${label('zinit-network-unit')}='${networkUnit}' is not a zinit unit name: give the name of its .yaml file without the extension, e.g. internet`
    )
  }
  if ((Object.values(UNIT_NAMES) as string[]).includes(networkUnit)) {
    throw new UserError(
      `${label('zinit-network-unit')}='${networkUnit}' is one of the generated units, which wait for the network unit: give the build's network unit, e.g. internet`
    )
  }
  const cacheDir = (inputs.cacheDir ?? DEFAULT_CACHE_DIR).replace(/(?<=.)\/+$/, '')
  if (!CACHE_DIR.test(cacheDir) || cacheDir === '/' || cacheDir.split('/').includes('..')) {
    throw new UserError(
      `${label('zinit-cache-dir')}='${cacheDir}' is not accepted: give an absolute directory on the node of letters, digits, . _ - and /, e.g. ${DEFAULT_CACHE_DIR}`
    )
  }
  return {
    networkUnit,
    cacheDir,
    manifestUrl:
      inputs.manifestUrl === undefined
        ? undefined
        : parseManifestUrl(inputs.manifestUrl, label('zinit-manifest-url'))
  }
}

function parseManifestUrl(value: string, subject: string): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    throw new UserError(
      `${subject}='${value}' is not a base URL the node can fetch: write e.g. https://hub.example.com/zos/manifests (the flist names follow it)`
    )
  }
  if (url.username || url.password) {
    throw new UserError(
      `${subject}: the URL carries credentials, which would be written into the node's units: give a URL that needs none`
    )
  }
  if (/['"\\\s]/.test(value)) {
    throw new UserError(
      `${subject}='${value}' has quotes, backslashes or spaces: percent-encode them`
    )
  }
  return value.replace(/\/+$/, '')
}
