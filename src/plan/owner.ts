import { UserError } from '../common/errors.js'
import type { Owner } from '../flist/pack/record.js'

// uid_t and gid_t are 32-bit; (uid_t)-1 means "no change" to chown and is no owner.
const MAX_ID = 0xfffffffe

/** `UID:GID`, numbers only: names would resolve differently on the runner and on the node. */
export function parseOwner(value: string, subject: string): Owner {
  const match = /^(\d+):(\d+)$/.exec(value)
  const uid = Number(match?.[1])
  const gid = Number(match?.[2])
  if (!match || uid > MAX_ID || gid > MAX_ID) {
    throw new UserError(`${subject}='${value}' is not an owner: write numeric UID:GID, e.g. 0:0`)
  }
  return { uid, gid }
}
