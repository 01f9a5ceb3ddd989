// Store URLs carry the S3 secret as their password. Everything rfs-related that reaches a log or
// an error passes through here first.
import { passwordSpellings } from './url.js'

const MASK = '***'
/**
 * The user:password@ of any URL inside a text (a log line, an error message). The password runs
 * to the last @ of the word: it may hold @ / ? # itself.
 */
const ANY_URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^/?#@:\s'"]*):[^\s'"]*@/gi

/**
 * 'text', quoted for a message, or undefined when it may hold credentials: text that failed to
 * parse as a URL has no userinfo that masking could find, so any @ in it hides it whole.
 */
export function quotedUnlessCredentials(text: string): string | undefined {
  return text.includes('@') ? undefined : `'${text}'`
}

/** The text with the password of every URL in it replaced by ***. */
export function redactUrl(text: string): string {
  // Works on the raw text rather than through URL, which would re-encode and normalise the rest.
  return text.replace(ANY_URL_PASSWORD, `$1:${MASK}@`)
}

/**
 * Every password held by these URLs (or `xx-xx=url` store specs), in the spellings a program may
 * print it: as written, percent-decoded, percent-encoded and as a URL parser re-encodes it.
 */
export function secretsOf(urls: readonly string[]): string[] {
  return [...new Set(urls.flatMap(passwordSpellings))]
}

/**
 * A line of a child's output, made safe for the runner's log: a workflow command in it (`::…::`)
 * would be obeyed by the runner, and an `::add-mask::` line prints the very value it hides
 * wherever no runner consumes it, so the first is defused and the second dropped.
 */
export function defuseLine(line: string): string | undefined {
  if (/^\s*::add-mask::/.test(line)) return undefined
  return line.replace(/^(\s*)::/, '$1: :')
}

/** A function that masks every occurrence of the given secrets, longest first. */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const ordered = [...new Set(secrets)]
    .filter(s => s.length > 0)
    .sort((a, b) => b.length - a.length)
  return text => {
    let out = text
    for (const secret of ordered) out = out.split(secret).join(MASK)
    return out
  }
}

/** A command line for the log: passwords masked, arguments with spaces quoted. */
export function displayCommand(file: string, args: readonly string[]): string {
  return [file, ...args]
    .map(redactUrl)
    .map(arg => (/[\s'"]/.test(arg) ? `'${arg.replace(/'/g, `'\\''`)}'` : arg))
    .join(' ')
}
