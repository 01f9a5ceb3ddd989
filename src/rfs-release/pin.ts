// What pins the rfs binary a run gets: the release tag, the digest the download must have, and
// where it is downloaded from.
import { UserError } from '../common/errors.js'
import { refuseMisplacedCredentials, urlCredentials, urlScheme } from '../store-url/url.js'

// A release tag goes into a download URL and a tool-cache directory name.
const RELEASE_TAG = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/

export function parseReleaseTag(value: string, subject: string): string {
  if (!RELEASE_TAG.test(value)) {
    throw new UserError(
      `${subject}='${value}' is not a release tag: use the tag of an rfs release, e.g. v2.0.6`
    )
  }
  return value
}

/** 64 hex digits, optionally prefixed `sha256:` as some release pages print it; lower-cased. */
export function parseSha256(value: string, subject: string): string {
  const hex = value.replace(/^sha256:/i, '').toLowerCase()
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new UserError(
      `${subject}='${value}' is not a sha256 digest: give the 64 hex digits of the rfs binary`
    )
  }
  return hex
}

export function parseDownloadUrl(value: string, subject: string): string {
  refuseMisplacedCredentials(value, subject)
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || !['https:', 'http:', 'file:'].includes(url.protocol)) {
    // The text may hold a token: with an @ in it, it is named by its scheme alone.
    const shown =
      urlCredentials(value) || value.includes('@')
        ? `the ${urlScheme(value) ?? 'given'}:// URL`
        : `'${value}'`
    throw new UserError(
      `${subject}: ${shown} is not a download URL: give an https:// (or http://, file://) URL of the rfs binary`
    )
  }
  return value
}
