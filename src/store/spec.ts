import { UserError } from '../common/errors.js'
import type { S3Connection, StoreSpec } from '../plan/settings.js'
import { credentialsParseAsWritten, urlCredentials, urlScheme } from './url-credentials.js'

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
  refuseMisplacedCredentials(url, source)
  const shown = stripPassword(url)
  const parts = splitUrl(url)
  if (!parts) {
    throw new UserError(
      `${source}: ${quoteUnlessCredentials(shown)} is not a store URL: write scheme://…, with a scheme among ${STORE_SCHEMES.join(', ')}`
    )
  }
  const scheme = parts.scheme.toLowerCase()
  if (!(STORE_SCHEMES as readonly string[]).includes(scheme)) {
    throw new UserError(
      `${source}: unknown store scheme '${parts.scheme}' in '${shown}': use one of ${STORE_SCHEMES.join(', ')}`
    )
  }
  const normalised = scheme + url.slice(parts.scheme.length)
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
  } else if (S3_SCHEMES.includes(scheme)) {
    parseS3StoreUrl(normalised, source)
  } else {
    checkHostUrl(normalised, parts.host, shown, source)
  }
  return normalised
}

/**
 * Refuses URL-shaped text whose credentials a URL parser would split into host and path (a
 * / ? # or \\ in them), naming only the scheme: every other part of such text may be secret.
 */
export function refuseMisplacedCredentials(url: string, source: string): void {
  if (credentialsParseAsWritten(url)) return
  throw new UserError(
    `${source}: the ${urlScheme(url)}:// URL does not parse: percent-encode its credentials (/ as %2F, ? as %3F, # as %23, @ as %40, % as %25)`
  )
}

/** 'text' for a message, unless it may hold credentials (an @ with no scheme to place it). */
function quoteUnlessCredentials(text: string): string {
  return text.includes('@') ? 'the value' : `'${text}'`
}

function checkHostUrl(url: string, host: string, shown: string, source: string): void {
  // Checked on the text: URL parsers skip extra slashes (http:///x has host x for them).
  if (host === '') throw new UserError(`${source}: '${shown}' has no host`)
  parseUrl(url, source)
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
  const credentials = `${source}: credentials do not belong in the endpoint: set them as the access key and secret key`
  if (urlCredentials(endpoint) !== undefined) throw new UserError(credentials)
  if (urlScheme(endpoint) === undefined) {
    if (endpoint.includes('@')) throw new UserError(credentials)
    throw new UserError(
      `${source}: '${endpoint}' has no scheme: write https://${endpoint.replace(/^\/+/, '')} (or http:// for a plain-HTTP server)`
    )
  }
  const shown = endpoint
  const url = parseUrl(endpoint, source)
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserError(
      `${source}: '${shown}' must start with https:// or http://; the rfs store URL is derived from it`
    )
  }
  if (url.username !== '' || url.password !== '') throw new UserError(credentials)
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
  refuseMisplacedCredentials(url, source)
  const shown = stripPassword(url)
  const parts = splitUrl(url)
  const scheme = parts?.scheme.toLowerCase()
  if (!parts || scheme === undefined || !S3_SCHEMES.includes(scheme)) {
    throw new UserError(`${source}: '${shown}' is not an s3://, s3s:// or s3+tls:// store URL`)
  }
  const parsed = parseUrl(url, source)
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
  const bucket = checkBucketName(segments[0], `${source}: the bucket of '${shown}'`)
  const secure = scheme !== 's3'
  const connection: S3Connection = {
    endpoint: `${secure ? 'https' : 'http'}://${parsed.hostname}:${parsed.port}`,
    region: parsed.searchParams.get('region') || DEFAULT_REGION,
    accessKey: decodeCredential(parsed.username, scheme, source),
    secretKey: decodeCredential(parsed.password, scheme, source)
  }
  return { connection, bucket }
}

// Bucket names go into store URLs and object paths: S3's own rules, leniently (some S3-compatible
// servers accept upper case and underscores).
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/

/** A bucket name, checked; `subject` names where it was given. */
export function checkBucketName(value: string, subject: string): string {
  if (!BUCKET.test(value)) {
    throw new UserError(
      `${subject}='${value}' is not a bucket name: use letters, digits, . _ and - only (no slashes; a key prefix goes in s3-prefix)`
    )
  }
  return value
}

/**
 * WHATWG URL parsing, its failure told as one line by scheme and source alone: the text that does
 * not parse may hold a secret anywhere.
 */
function parseUrl(text: string, source: string): URL {
  try {
    return new URL(text)
  } catch {
    const credentials = urlCredentials(text)
      ? '; percent-encode characters of the credentials other than letters, digits and - . _ ~'
      : ''
    throw new UserError(
      `${source}: the ${urlScheme(text) ?? 'given'}:// URL does not parse: check the host, and that the port is a number up to 65535${credentials}`
    )
  }
}

function decodeCredential(encoded: string, scheme: string, source: string): string {
  try {
    return decodeURIComponent(encoded)
  } catch {
    throw new UserError(
      `${source}: the credentials of the ${scheme}:// URL have a malformed %-escape: percent-encode them (e.g. / as %2F, % as %25)`
    )
  }
}
