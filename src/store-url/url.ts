// Store URLs as rfs writes them (`[xx-xx=]scheme://[user[:password]@]host[:port]/path[?query]`),
// and the credentials inside URL-shaped settings (store specs, endpoints, public and download
// URLs). Every part of the code that takes such text apart does it here.
//
// A URL parser ends the authority at the first / ? or #, so a secret holding one of them is split
// somewhere inside it and the parts land in the host and the path. Here the userinfo is taken the
// way a person writes it: everything between :// and the last @ of the authority, whatever it
// holds. That much is masked before anything can fail, and a URL whose parser would see it
// differently is refused by scheme and setting name alone.
import { UserError } from '../common/errors.js'

/** Every store scheme, as the store input takes them. */
export const STORE_SCHEMES = [
  'dir',
  's3',
  's3s',
  's3+tls',
  's3s+tls',
  'http',
  'https',
  'zdb'
] as const
/** The S3 schemes: `s3` is plain HTTP, the others HTTPS. */
export const S3_SCHEMES: readonly string[] = ['s3', 's3s', 's3+tls', 's3s+tls']
/** The region of an S3 store or endpoint that names none. */
export const DEFAULT_REGION = 'us-east-1'

/** `xx-xx=` in front of a store URL: the blob ids, by first byte, the store holds. */
const RANGE = /^([0-9a-fA-F]{2})-([0-9a-fA-F]{2})=/
const SCHEME_AND_AUTHORITY = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s
const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s

export interface UrlParts {
  /** As written, e.g. `s3`. */
  scheme: string
  /** user[:password], undefined when the URL has no `@`. */
  userinfo?: string
  /** host[:port], as written. */
  host: string
  /** Path, query and fragment, as written. */
  rest: string
}

/**
 * Splits the way URL parsers do: the authority ends at the first / ? #, the userinfo at its last
 * @. Undefined for text that is not `scheme://…`.
 */
export function splitUrl(url: string): UrlParts | undefined {
  const match = SCHEME_AND_AUTHORITY.exec(url)
  if (!match) return undefined
  const [, scheme, authority, rest] = match
  const at = authority.lastIndexOf('@')
  return at < 0
    ? { scheme, host: authority, rest }
    : { scheme, userinfo: authority.slice(0, at), host: authority.slice(at + 1), rest }
}

/** The scheme of URL-shaped text (`s3`, `https`), or undefined when it has no `scheme://`. */
export function urlScheme(text: string): string | undefined {
  return URL_SHAPE.exec(text)?.[1]
}

/** The scheme in lower case, as stores are told apart. */
export function storeScheme(url: string): string | undefined {
  return urlScheme(url)?.toLowerCase()
}

/**
 * The directory of a dir:// URL, percent-decoded as the store reads it; undefined for other
 * schemes. A dir:// URL names an absolute path (dir:///srv/blobs): one with a host is refused.
 */
export function dirUrlPath(url: string, source = 'store'): string | undefined {
  if (storeScheme(url) !== 'dir') return undefined
  const { host, pathname } = parseWhatwgUrl(url, source)
  if (host !== '') {
    // A host may be a piece of a userinfo written without its @ encoded: then it is not shown.
    const named = urlCredentials(url) ? '' : `; this one names the host '${host}'`
    throw new UserError(
      `${source}: a dir:// URL needs an absolute path, as in dir:///srv/blobs${named}`
    )
  }
  try {
    return decodeURIComponent(pathname)
  } catch {
    return pathname
  }
}

export function isS3Scheme(scheme: string | undefined): boolean {
  return scheme !== undefined && S3_SCHEMES.includes(scheme.toLowerCase())
}

/** The host name of a URL in lower case, IPv6 addresses without their brackets; no port. */
export function urlHost(url: string): string | undefined {
  const parts = splitUrl(url)
  if (!parts) return undefined
  const bracketed = /^\[([^\]]+)\]/.exec(parts.host)
  return (bracketed ? bracketed[1] : parts.host.replace(/:\d*$/, '')).toLowerCase()
}

/**
 * `scheme://host[:port]` alone, for a log line about a URL that may hold a secret: the host is
 * taken after the userinfo as a person writes it (to the last @), so no piece of a password that
 * holds / ? or # shows.
 */
export function schemeAndHost(url: string): string | undefined {
  if (!URL_SHAPE.test(url)) return undefined
  return /^[^:]*:\/\/[^/?#]*/.exec(withoutCredentials(url))![0]
}

/**
 * The URL (and its range, if it has one) without its userinfo, taken as a person writes it, to
 * the last @: nothing of a secret shows, whatever it holds. For showing a URL, not for fetching
 * it: an @ in a path counts as the end of a userinfo here. Text that is not URL-shaped comes back
 * unchanged.
 */
export function withoutCredentials(text: string): string {
  const bare = splitRange(text.trim()).url
  const match = URL_SHAPE.exec(bare)
  const credentials = urlCredentials(text)
  if (!match || !credentials) return text
  const [, scheme, rest] = match
  const range = text.slice(0, text.indexOf(bare))
  return `${range}${scheme}://${rest.slice(credentials.userinfo.length + 1)}`
}

export interface RangedUrl {
  /** First byte of the blob ids the store holds; 0 without a range. */
  start: number
  /** Last byte, inclusive; 255 without a range. */
  end: number
  url: string
  /** The range as written (`00-7f`), when there is one. */
  range?: { start: string; end: string }
}

/** `[xx-xx=]url` taken apart; the bytes are not checked for order. */
export function splitRange(text: string): RangedUrl {
  const range = RANGE.exec(text)
  if (!range) return { start: 0, end: 255, url: text }
  return {
    start: parseInt(range[1], 16),
    end: parseInt(range[2], 16),
    url: text.slice(range[0].length),
    range: { start: range[1], end: range[2] }
  }
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

export interface UrlCredentials {
  /** As written, e.g. `s3`. */
  scheme: string
  /** user[:password]: everything between :// and the last @. */
  userinfo: string
  /** After the first colon of the userinfo; undefined without one. */
  password?: string
}

/**
 * The credentials of URL-shaped text (an `xx-xx=` range in front is skipped). Text whose
 * authority is empty (`dir:///path@x`) has none: its @ belongs to the path.
 */
export function urlCredentials(text: string): UrlCredentials | undefined {
  const match = URL_SHAPE.exec(splitRange(text.trim()).url)
  if (!match) return undefined
  const [, scheme, rest] = match
  if (rest.startsWith('/')) return undefined
  const at = rest.lastIndexOf('@')
  if (at < 0) return undefined
  const userinfo = rest.slice(0, at)
  const colon = userinfo.indexOf(':')
  return { scheme, userinfo, password: colon < 0 ? undefined : userinfo.slice(colon + 1) }
}

/**
 * Whether a URL parser finds the same userinfo: nothing of it reaches past the authority. When
 * it does not, the host and path a parser reports hold pieces of the secret.
 */
export function credentialsParseAsWritten(text: string): boolean {
  const credentials = urlCredentials(text)
  return credentials === undefined || !/[/?#\\]/.test(credentials.userinfo)
}

/**
 * Every spelling of the credentials a program may print: the whole userinfo and the password,
 * each as written, percent-decoded, percent-encoded and as a URL parser re-encodes it.
 */
export function credentialSpellings(text: string): string[] {
  const credentials = urlCredentials(text)
  if (!credentials) return []
  return spellings([credentials.userinfo, credentials.password])
}

/** The same for the password alone (the user of a store URL is its access key, not secret). */
export function passwordSpellings(text: string): string[] {
  return spellings([urlCredentials(text)?.password])
}

function spellings(texts: ReadonlyArray<string | undefined>): string[] {
  const found = new Set<string>()
  for (const written of texts) {
    if (!written) continue
    found.add(written)
    const decoded = safeDecode(written)
    if (decoded !== undefined) {
      found.add(decoded)
      found.add(encodeURIComponent(decoded))
    }
    found.add(parserSpelling(written))
  }
  return [...found].filter(spelling => spelling !== '')
}

/** Hands every spelling of the credentials of each line of URL-shaped text to `mask`. */
export function maskUrlCredentials(text: string | undefined, mask: (secret: string) => void): void {
  if (!text) return
  for (const line of text.split('\n')) {
    for (const spelling of credentialSpellings(line)) mask(spelling)
  }
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

/** The password as the WHATWG URL parser stores it: what `url.password` and `url.href` show. */
function parserSpelling(text: string): string {
  const url = new URL('http://host')
  url.password = text
  return url.password
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

/**
 * WHATWG URL parsing, its failure told as one line by scheme and source alone: the text that does
 * not parse may hold a secret anywhere.
 */
export function parseWhatwgUrl(text: string, source: string): URL {
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
