// Release aliases: moving names (modules-6.12-latest.fl) that are replaced on every run with a
// copy of the manifest just published, unlike the real names, which are never replaced.
import { UserError } from '../../common/errors.js'
import { FLIST_KINDS, type FlistAlias, type FlistKind } from '../../plan/settings.js'

// Goes into an object key and a URL: the same characters as a firmware tag, ending in .fl.
const ALIAS_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,123}\.fl$/

/** `modules=modules-6.12-latest.fl`, one a line or comma-separated. */
export function parseAliases(text: string, subject: string): FlistAlias[] {
  const items = text.includes('\n') ? text.split('\n') : text.split(',')
  const aliases: FlistAlias[] = []
  const seen = new Set<string>()
  for (const raw of items) {
    const item = raw.trim()
    if (item === '') continue
    const equals = item.indexOf('=')
    const kind = item.slice(0, Math.max(equals, 0)).trim()
    const name = item.slice(equals + 1).trim()
    if (equals < 0 || !(FLIST_KINDS as readonly string[]).includes(kind)) {
      throw new UserError(
        `${subject}: '${item}' does not say which flist it aliases: write modules=NAME.fl or firmware=NAME.fl, e.g. modules=modules-6.12-latest.fl`
      )
    }
    if (!ALIAS_NAME.test(name)) {
      throw new UserError(
        `${subject}: alias '${name}' is not accepted: use letters, digits, . _ and - (not starting with . _ or -), ending in .fl`
      )
    }
    if (seen.has(name))
      throw new UserError(`${subject}: alias '${name}' is given twice: give it once`)
    seen.add(name)
    aliases.push({ kind: kind as FlistKind, name })
  }
  return aliases
}
