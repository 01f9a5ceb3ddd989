import { UserError } from '../common/errors.js'
import { FLIST_KINDS, type FlistKind } from './settings.js'

/** `modules,firmware`, either alone, in any order; the result is in the canonical order. */
export function parseFlists(value: string, subject: string): FlistKind[] {
  const accepted = `use modules, firmware or modules,firmware`
  const items = value.split(',').map(item => item.trim())
  const chosen = new Set<FlistKind>()
  for (const item of items) {
    if (item === '') throw new UserError(`${subject}='${value}' has an empty entry: ${accepted}`)
    if (!(FLIST_KINDS as readonly string[]).includes(item)) {
      throw new UserError(`${subject}: unknown flist '${item}': ${accepted}`)
    }
    if (chosen.has(item as FlistKind)) {
      throw new UserError(`${subject}='${value}' names ${item} twice: ${accepted}`)
    }
    chosen.add(item as FlistKind)
  }
  return FLIST_KINDS.filter(kind => chosen.has(kind))
}
