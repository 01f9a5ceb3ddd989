// The extra tags a user asks for, written into both flists beside the action's own.
import { UserError } from '../common/errors.js'
import { SYSTEM_TAG_KEYS } from './tags.js'

// rfs declares tag keys VARCHAR(10), which SQLite does not enforce and rfs itself exceeds; keys
// here are short identifiers that survive any reader, values fit the declared VARCHAR(255).
const TAG_KEY = /^[A-Za-z0-9._-]{1,64}$/
const TAG_VALUE_MAX = 255

/**
 * `key=value` tags, one a line (values may then hold commas) or comma-separated on one line.
 * The value is everything after the first `=`, trimmed; it may be empty.
 */
export function parseTags(text: string, subject: string): Array<[string, string]> {
  const items = text.includes('\n') ? text.split('\n') : text.split(',')
  const tags: Array<[string, string]> = []
  const seen = new Set<string>()
  for (const raw of items) {
    const item = raw.trim()
    if (item === '') continue
    const equals = item.indexOf('=')
    if (equals < 0)
      throw new UserError(`${subject}: '${item}' is not key=value: write e.g. build=1234`)
    const key = item.slice(0, equals).trim()
    const value = item.slice(equals + 1).trim()
    if (!TAG_KEY.test(key)) {
      throw new UserError(
        `${subject}: tag key '${key}' is not accepted: use 1 to 64 letters, digits, . _ or -`
      )
    }
    if (SYSTEM_TAG_KEYS.includes(key)) {
      throw new UserError(
        `${subject}: tag key '${key}' is written by the action itself: choose another key (reserved: ${SYSTEM_TAG_KEYS.join(', ')})`
      )
    }
    if (seen.has(key))
      throw new UserError(`${subject}: tag key '${key}' is given twice: give it once`)
    if (value.length > TAG_VALUE_MAX || hasControlCharacter(value)) {
      throw new UserError(
        `${subject}: the value of tag '${key}' must be at most ${TAG_VALUE_MAX} characters without control characters`
      )
    }
    seen.add(key)
    tags.push([key, value])
  }
  return tags
}

function hasControlCharacter(text: string): boolean {
  return [...text].some(char => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)
}
