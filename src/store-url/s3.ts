// S3 endpoints as users write them (`https://s3.example.com:9000`) and the rfs store URLs of
// buckets (`s3s://ACCESS:SECRET@HOST:PORT/BUCKET?region=R`), both ways.
import { UserError } from '../common/errors.js'
import {
  DEFAULT_REGION,
  isS3Scheme,
  parseWhatwgUrl,
  refuseMisplacedCredentials,
  splitUrl,
  stripPassword,
  urlCredentials,
  urlScheme
} from './url.js'

/** How to reach one S3 server. The secret is masked as soon as it is read. */
export interface S3Connection {
  /** scheme://host:port, no path. */
  endpoint: string
  region: string
  accessKey: string
  secretKey: string
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
  const url = parseWhatwgUrl(endpoint, source)
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
  const { connection, bucket } = parseS3Url(url, source, false)
  return { connection, bucket }
}

/**
 * An s3:// URL whose path may go on past the bucket, as a place to keep objects under a key
 * prefix: `s3://KEY:SECRET@HOST:PORT/BUCKET[/PREFIX][?region=R]`. The prefix is percent-decoded,
 * without slashes at its ends ('' for none).
 */
export function parseS3Location(
  url: string,
  source: string
): { connection: S3Connection; bucket: string; prefix: string } {
  return parseS3Url(url, source, true)
}

/** Both of the above: `withPrefix` allows a path past the bucket. */
function parseS3Url(
  url: string,
  source: string,
  withPrefix: boolean
): { connection: S3Connection; bucket: string; prefix: string } {
  refuseMisplacedCredentials(url, source)
  const shown = stripPassword(url)
  const parts = splitUrl(url)
  const scheme = parts?.scheme.toLowerCase()
  if (!parts || scheme === undefined || !isS3Scheme(scheme)) {
    throw new UserError(`${source}: '${shown}' is not an s3://, s3s:// or s3+tls:// store URL`)
  }
  const parsed = parseWhatwgUrl(url, source)
  if (parsed.hostname === '') throw new UserError(`${source}: '${shown}' has no host`)
  if (parsed.port === '') {
    throw new UserError(
      `${source}: '${shown}' has no port, which rfs requires: add it, e.g. ${scheme}://…@${parsed.hostname}:${scheme === 's3' ? 80 : 443}/bucket`
    )
  }
  const [first, ...rest] = parsed.pathname.split('/').filter(segment => segment !== '')
  if (first === undefined || (!withPrefix && rest.length > 0)) {
    const why = withPrefix ? '' : '; rfs keeps blobs at the bucket root'
    throw new UserError(
      `${source}: '${shown}' must name exactly one bucket as its path (${scheme}://…@host:port/bucket)${why}`
    )
  }
  const bucket = checkBucketName(first, `${source}: the bucket of '${shown}'`)
  const secure = scheme !== 's3'
  const connection: S3Connection = {
    endpoint: `${secure ? 'https' : 'http'}://${parsed.hostname}:${parsed.port}`,
    region: parsed.searchParams.get('region') || DEFAULT_REGION,
    accessKey: decodeCredential(parsed.username, scheme, source),
    secretKey: decodeCredential(parsed.password, scheme, source)
  }
  return { connection, bucket, prefix: decodePath(rest, source, shown) }
}

function decodePath(segments: string[], source: string, shown: string): string {
  try {
    return segments.map(decodeURIComponent).join('/')
  } catch {
    throw new UserError(`${source}: the path of '${shown}' has a malformed %-escape`)
  }
}

// Bucket names go into store URLs and object paths: S3's own rules, leniently (some S3-compatible
// servers accept upper case and underscores).
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/

/** A bucket name, checked; `subject` names where it was given, `advice` where a prefix goes. */
export function checkBucketName(value: string, subject: string, advice?: string): string {
  if (!BUCKET.test(value)) {
    throw new UserError(
      `${subject}='${value}' is not a bucket name: use letters, digits, . _ and - only (no slashes${advice ? `; ${advice}` : ''})`
    )
  }
  return value
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
