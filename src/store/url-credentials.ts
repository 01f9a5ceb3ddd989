// Credentials inside URL-shaped settings (store specs, endpoints, public and download URLs). A
// URL parser ends the authority at the first / ? or #, so a secret holding one of them is split
// somewhere inside it and the parts land in the host and the path. Here the userinfo is taken the
// way a person writes it: everything between :// and the last @, whatever it holds. That much is
// masked before anything can fail, and a URL whose parser would see it differently is refused by
// scheme and setting name alone.
import { maskSecret } from '../action/runner.js'

const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s
const RANGE_PREFIX = /^[0-9a-fA-F]{2}-[0-9a-fA-F]{2}=/

export interface UrlCredentials {
  /** As written, e.g. `s3`. */
  scheme: string
  /** user[:password]: everything between :// and the last @. */
  userinfo: string
  /** After the first colon of the userinfo; undefined without one. */
  password?: string
}

/** The scheme of URL-shaped text (`s3`, `https`), or undefined when it has no `scheme://`. */
export function urlScheme(text: string): string | undefined {
  return URL_SHAPE.exec(text)?.[1]
}

/**
 * The credentials of URL-shaped text (an `xx-xx=` range in front is skipped). Text whose
 * authority is empty (`dir:///path@x`) has none: its @ belongs to the path.
 */
export function urlCredentials(text: string): UrlCredentials | undefined {
  const match = URL_SHAPE.exec(text.trim().replace(RANGE_PREFIX, ''))
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

/** Masks the credentials of each line of URL-shaped text in the runner's log. */
export function maskUrlCredentials(text: string | undefined): void {
  if (!text) return
  for (const line of text.split('\n')) {
    for (const spelling of credentialSpellings(line)) maskSecret(spelling)
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
