import { UserError } from '../common/errors.js'
import { parseS3StoreUrl } from './s3.js'
import { quotedUnlessCredentials } from './redact.js'
import {
  STORE_SCHEMES,
  isS3Scheme,
  parseWhatwgUrl,
  refuseMisplacedCredentials,
  splitRange,
  splitUrl,
  stripPassword
} from './url.js'

// rfs store specs, as FLIST-FORMAT.md describes them: `[xx-xx=]url`, where url is dir://, an S3
// scheme, http(s):// or zdb://. Store URLs may hold the S3 secret as their password, so no
// message here ever shows a URL before its password is removed.

/** One rfs store: blobs whose id starts with a byte in [start, end] (inclusive) live at url. */
export interface StoreSpec {
  start: number
  end: number
  url: string
}

/** `[xx-xx=]url` → a store spec; `source` names where the text came from, for messages. */
export function parseStoreSpec(text: string, source: string): StoreSpec {
  const spec = text.trim()
  const { start, end, url, range } = splitRange(spec)
  if (range && start > end) {
    throw new UserError(
      `${source}: range ${range.start}-${range.end} starts after it ends: write the lower byte first, e.g. ${range.end}-${range.start}`
    )
  }
  if (!range && /^[^:/]*=/.test(spec)) {
    const written = spec.slice(0, spec.indexOf('='))
    throw new UserError(
      `${source}: '${written}' is not a range: write two hex bytes, e.g. 00-7f=url, or the url alone for 00-ff`
    )
  }
  return { start, end, url: checkStoreUrl(url, source) }
}

/** One spec a line; blank lines are skipped. */
export function parseStoreSpecs(text: string, source: string): StoreSpec[] {
  const specs: StoreSpec[] = []
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return
    specs.push(parseStoreSpec(line, `${source}, line ${index + 1}`))
  })
  return specs
}

/** The spec as rfs takes it on the command line; the range is left out when it is 00-ff. */
export function formatStoreSpec(spec: StoreSpec): string {
  if (spec.start === 0 && spec.end === 255) return spec.url
  const hex = (byte: number): string => byte.toString(16).padStart(2, '0')
  return `${hex(spec.start)}-${hex(spec.end)}=${spec.url}`
}

/** Checks a store URL and returns it with its scheme in lower case, the TLS spellings as s3s. */
function checkStoreUrl(url: string, source: string): string {
  refuseMisplacedCredentials(url, source)
  const shown = stripPassword(url)
  const parts = splitUrl(url)
  if (!parts) {
    throw new UserError(
      `${source}: ${quotedUnlessCredentials(shown) ?? 'the value'} is not a store URL: write scheme://…, with a scheme among ${STORE_SCHEMES.join(', ')}`
    )
  }
  const scheme = parts.scheme.toLowerCase()
  if (!(STORE_SCHEMES as readonly string[]).includes(scheme)) {
    throw new UserError(
      `${source}: unknown store scheme '${parts.scheme}' in '${shown}': use one of ${STORE_SCHEMES.join(', ')}`
    )
  }
  // rfs's router takes s3s+tls but its S3 store only s3+tls, so neither TLS spelling works in
  // every release: routes and rfs's arguments say s3s, which all of them read as HTTPS.
  const canonical = scheme === 's3+tls' || scheme === 's3s+tls' ? 's3s' : scheme
  const normalised = canonical + url.slice(parts.scheme.length)
  const dotted = parts.rest
    .replace(/[?#].*$/s, '')
    .split('/')
    .find(segment => ['.', '..'].includes(segment.replace(/%2e/gi, '.')))
  if (dotted !== undefined) {
    throw new UserError(
      `${source}: '${shown}' has the path segment '${dotted}', which readers resolve away: write the path it stands for`
    )
  }
  if (scheme === 'dir') {
    if (parts.host !== '' || parts.userinfo !== undefined || !/^\/[^?#]/.test(parts.rest)) {
      throw new UserError(
        `${source}: '${shown}' needs an absolute path after dir://, e.g. dir:///var/cache/blobs`
      )
    }
  } else if (isS3Scheme(scheme)) {
    parseS3StoreUrl(normalised, source)
  } else {
    // Checked on the text: URL parsers skip extra slashes (http:///x has host x for them).
    if (parts.host === '') throw new UserError(`${source}: '${shown}' has no host`)
    parseWhatwgUrl(normalised, source)
  }
  return normalised
}
