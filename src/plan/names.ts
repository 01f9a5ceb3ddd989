import { pathToFileURL } from 'node:url'
import { UserError } from '../common/errors.js'
import type { FlistKind } from './settings.js'

// The names things are published under. Readers (Zero-OS nodes, later jobs) find the flists by
// these names, so they are built in one place.

/** `modules-6.12.44-Zero-OS.fl`, `firmware-20250101.fl` */
export function flistName(kind: FlistKind, version: string): string {
  return `${kind}-${version}.fl`
}

// The tag ends up in a file name and an object key: no separators, no spaces, and no leading dot
// that would make it hidden or relative.
const FIRMWARE_TAG = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
const FIRMWARE_TAG_MAX = 64

/** Checks a firmware tag; `subject` names its origin (`input firmware-tag`, `config/rfs.conf: FIRMWARE_TAG`). */
export function validateFirmwareTag(value: string, subject: string): string {
  if (value === '' || !FIRMWARE_TAG.test(value) || value.length > FIRMWARE_TAG_MAX) {
    throw new UserError(
      `${subject}='${value}' is not a usable firmware tag: use 1 to ${FIRMWARE_TAG_MAX} letters, digits, . _ or - (not starting with . _ or -), e.g. 20250101 or v1.2`
    )
  }
  return value
}

/** The firmware tag when none is configured: the UTC date of the run, YYYYMMDD. */
export function dateTag(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`
}

// A prefix segment is kept to the characters a URL path holds as they are (RFC 3986 pchar, less
// the %-escapes): a reader resolving `..`, `.`, `%2e%2e` or a backslash in the manifest URL would
// fetch another object, or from another bucket, than the one the key names.
const PREFIX_SEGMENT = /^[A-Za-z0-9._~!$&'()*+,;=:@-]+$/

/**
 * Checks a key prefix (`zos/v4`; slashes at either end and doubled ones do not count).
 * `subject` names its origin.
 */
export function checkKeyPrefix(value: string, subject: string): string {
  for (const segment of value.split('/')) {
    if (segment === '') continue
    if (segment === '.' || segment === '..' || !PREFIX_SEGMENT.test(segment)) {
      throw new UserError(
        `${subject}='${value}' is not a usable key prefix: segment '${segment}' ${segment === '.' || segment === '..' ? 'would be resolved away by readers' : 'holds a character that is not kept as written in a URL'}; use segments of letters, digits and - . _ ~, none of them . or .., e.g. zos/v4`
      )
    }
  }
  return value
}

/** Object key of a manifest: PREFIX/manifests/NAME, without empty segments whatever the prefix. */
export function manifestKey(prefix: string, name: string): string {
  return [...prefix.split('/'), 'manifests', name].filter(segment => segment !== '').join('/')
}

/** base + '/' + key, each key segment percent-encoded, with exactly one slash at the joint. */
export function joinUrl(base: string, key: string): string {
  const path = key
    .split('/')
    .filter(segment => segment !== '')
    .map(encodeURIComponent)
    .join('/')
  return `${base.replace(/\/+$/, '')}/${path}`
}

/** Where a manifest is read from when nothing publishes it: the local file. */
export function fileUrl(path: string): string {
  return pathToFileURL(path).href
}
