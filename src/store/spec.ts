import { UserError } from '../errors.js'
import type { S3Connection, StoreSpec } from '../settings.js'

// rfs store specs and URLs, as FLIST-FORMAT.md describes them: `[xx-xx=]url`, where url is
// dir://, s3://, s3s://, s3+tls://, http(s):// or zdb://. Store URLs may hold the S3 secret as
// their password, so no message here ever shows a URL before its password is removed.

export const STORE_SCHEMES = ['dir', 's3', 's3s', 's3+tls', 'http', 'https', 'zdb'] as const
const S3_SCHEMES = ['s3', 's3s', 's3+tls']
const DEFAULT_REGION = 'us-east-1'

const RANGE = /^([0-9a-fA-F]{2})-([0-9a-fA-F]{2})=/
const SCHEME_AND_AUTHORITY = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s

interface UrlParts {
  scheme: string
  /** user[:password], undefined when the URL has no `@`. */
  userinfo?: string
  host: string
  /** Path, query and fragment, as written. */
  rest: string
}

/** Splits the way URL parsers do: the authority ends at the first / ? #, the userinfo at its last @. */
function splitUrl(url: string): UrlParts | undefined {
  const match = SCHEME_AND_AUTHORITY.exec(url)
  if (!match) return undefined
  const [, scheme, authority, rest] = match
  const at = authority.lastIndexOf('@')
  return at < 0
    ? { scheme, host: authority, rest }
    : { scheme, userinfo: authority.slice(0, at), host: authority.slice(at + 1), rest }
}

/**
 * The URL with its password removed and the user kept, as rfs records routes:
 * `s3://ACCESS@HOST:PORT/BUCKET?region=R`. Text that is not such a URL comes back unchanged.
 */
export function stripPassword(url: string): string {
  const parts = splitUrl(url)
  if (!parts || parts.userinfo === undefined || !parts.userinfo.includes(':')) return url
  const user = parts.userinfo.slice(0, parts.userinfo.indexOf(':'))
  const authority = user === '' ? parts.host : `${user}@${parts.host}`
  return `${parts.scheme}://${authority}${parts.rest}`
}

/** The password of a URL as written (percent-encoded), or undefined. */
export function urlPassword(url: string): string | undefined {
  const userinfo = splitUrl(url)?.userinfo
  if (userinfo === undefined || !userinfo.includes(':')) return undefined
  const password = userinfo.slice(userinfo.indexOf(':') + 1)
  return password === '' ? undefined : password
}

/** `[xx-xx=]url` → a store spec; `source` names where the text came from, for messages. */
export function parseStoreSpec(text: string, source: string): StoreSpec {
  const spec = text.trim()
  let start = 0
  let end = 255
  let url = spec
  const range = RANGE.exec(spec)
  if (range) {
    start = parseInt(range[1], 16)
    end = parseInt(range[2], 16)
    url = spec.slice(range[0].length)
    if (start > end) {
      throw new UserError(
        `${source}: range ${range[1]}-${range[2]} starts after it ends: write the lower byte first, e.g. ${range[2]}-${range[1]}`
      )
    }
  } else if (/^[^:/]*=/.test(spec)) {
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

/** Checks a store URL and returns it with its scheme in lower case. */
function checkStoreUrl(url: string, source: string): string {
  const shown = stripPassword(url)
  const parts = splitUrl(url)
  if (!parts) {
    throw new UserError(
      `${source}: '${shown}' is not a store URL: write scheme://…, with a scheme among ${STORE_SCHEMES.join(', ')}`
    )
  }
  const scheme = parts.scheme.toLowerCase()
  if (!(STORE_SCHEMES as readonly string[]).includes(scheme)) {
    throw new UserError(
      `${source}: unknown store scheme '${parts.scheme}' in '${shown}': use one of ${STORE_SCHEMES.join(', ')}`
    )
  }
  const normalised = scheme + url.slice(parts.scheme.length)
  if (scheme === 'dir') {
    if (parts.host !== '' || parts.userinfo !== undefined || !/^\/[^?#]/.test(parts.rest)) {
      throw new UserError(
        `${source}: '${shown}' needs an absolute path after dir://, e.g. dir:///var/cache/blobs`
      )
    }
  } else if (S3_SCHEMES.includes(scheme)) {
    parseS3StoreUrl(normalised, source)
  } else {
    checkHostUrl(normalised, parts.host, shown, source)
  }
  return normalised
}

function checkHostUrl(url: string, host: string, shown: string, source: string): void {
  // Checked on the text: URL parsers skip extra slashes (http:///x has host x for them).
  if (host === '') throw new UserError(`${source}: '${shown}' has no host`)
  parseUrl(url, shown, source)
}

/** A checked S3 endpoint: `scheme://host[:port]` and what rfs needs of it. */
export interface S3Endpoint {
  /** scheme://host[:port], no path, no trailing slash. */
  origin: string
  secure: boolean
  /** Host name, IPv6 addresses in brackets. */
  host: string
  /** Always set: the scheme's default port when the endpoint has none. */
  port: number
}

/**
 * Checks an S3 endpoint as a user writes it (`https://s3.example.com:9000`). `source` names the
 * input or key it came from.
 */
export function parseS3Endpoint(endpoint: string, source: string): S3Endpoint {
  const shown = stripPassword(endpoint)
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(endpoint)) {
    throw new UserError(
      `${source}: '${shown}' has no scheme: write https://${shown.replace(/^\/+/, '')} (or http:// for a plain-HTTP server)`
    )
  }
  const url = parseUrl(endpoint, shown, source)
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserError(
      `${source}: '${shown}' must start with https:// or http://; the rfs store URL is derived from it`
    )
  }
  if (url.username !== '' || url.password !== '') {
    throw new UserError(
      `${source}: credentials do not belong in the endpoint: set them as the access key and secret key`
    )
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]/.test(endpoint)) {
    throw new UserError(
      `${source}: '${shown}' has a path or query: give only scheme://host[:port]; the bucket is its own setting`
    )
  }
  if (url.port === '0') {
    throw new UserError(`${source}: '${shown}' has port 0: give the port the S3 server listens on`)
  }
  const secure = url.protocol === 'https:'
  return {
    origin: `${url.protocol}//${url.host}`,
    secure,
    host: url.hostname,
    port: url.port === '' ? (secure ? 443 : 80) : Number(url.port)
  }
}

/**
 * The rfs store URL of a bucket, exactly as rfs wants it: `s3s://` for https and `s3://` for http,
 * an explicit port, percent-encoded credentials and `?region=`.
 */
export function s3StoreUrl(
  connection: S3Connection,
  bucket: string,
  source = 'S3 endpoint'
): string {
  const endpoint = parseS3Endpoint(connection.endpoint, source)
  const scheme = endpoint.secure ? 's3s' : 's3'
  const credentials =
    connection.accessKey === '' && connection.secretKey === ''
      ? ''
      : `${encodeURIComponent(connection.accessKey)}:${encodeURIComponent(connection.secretKey)}@`
  const region = connection.region === '' ? '' : `?region=${encodeURIComponent(connection.region)}`
  return `${scheme}://${credentials}${endpoint.host}:${endpoint.port}/${bucket}${region}`
}

/** The inverse of s3StoreUrl: how to reach the server, and the bucket. */
export function parseS3StoreUrl(
  url: string,
  source = 'store URL'
): { connection: S3Connection; bucket: string } {
  const shown = stripPassword(url)
  const parts = splitUrl(url)
  const scheme = parts?.scheme.toLowerCase()
  if (!parts || scheme === undefined || !S3_SCHEMES.includes(scheme)) {
    throw new UserError(`${source}: '${shown}' is not an s3://, s3s:// or s3+tls:// store URL`)
  }
  const parsed = parseUrl(url, shown, source)
  if (parsed.hostname === '') throw new UserError(`${source}: '${shown}' has no host`)
  if (parsed.port === '') {
    throw new UserError(
      `${source}: '${shown}' has no port, which rfs requires: add it, e.g. ${scheme}://…@${parsed.hostname}:${scheme === 's3' ? 80 : 443}/bucket`
    )
  }
  const segments = parsed.pathname.split('/').filter(segment => segment !== '')
  if (segments.length !== 1) {
    throw new UserError(
      `${source}: '${shown}' must name exactly one bucket as its path (${scheme}://…@host:port/bucket); rfs keeps blobs at the bucket root`
    )
  }
  const secure = scheme !== 's3'
  const connection: S3Connection = {
    endpoint: `${secure ? 'https' : 'http'}://${parsed.hostname}:${parsed.port}`,
    region: parsed.searchParams.get('region') || DEFAULT_REGION,
    accessKey: decodeCredential(parsed.username, shown, source),
    secretKey: decodeCredential(parsed.password, shown, source)
  }
  return { connection, bucket: segments[0] }
}

/** WHATWG URL parsing, its failure told as one line; `shown` is the text without its password. */
function parseUrl(text: string, shown: string, source: string): URL {
  try {
    return new URL(text)
  } catch {
    throw new UserError(
      `${source}: '${shown}' is not a valid URL (check the host, and that the port is a number up to 65535)`
    )
  }
}

function decodeCredential(encoded: string, shown: string, source: string): string {
  try {
    return decodeURIComponent(encoded)
  } catch {
    throw new UserError(
      `${source}: the credentials of '${shown}' have a malformed %-escape: percent-encode them (e.g. / as %2F, % as %25)`
    )
  }
}
