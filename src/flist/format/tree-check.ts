// The shape of the tree an flist describes, checked when it is opened: it must be a tree every
// reader can rebuild inside one directory, so that unpack, verify and the rfs engine's checks never
// see two entries of one name, a name that is not one path component, or an entry under a symlink.
import { isUtf8 } from 'node:buffer'
import type { InodeRecord } from './inode.js'
import { entryType, type EntryType } from './modes.js'
import { escapeBytes, escapeName } from './name-bytes.js'
import { ROOT_INO } from './schema.js'

/** Bytes in a file name on Linux. */
const NAME_MAX = 255

/** What every refusal of an unsafe tree ends with. */
const DAMAGED = 'the flist is damaged or crafted: do not unpack or publish it, pack the tree again'

export interface TreeEntry {
  /** Slash-separated, relative to the root; '' for the root itself. */
  path: string
  inode: InodeRecord
}

/** An inode row with the bytes of its name, which the checks need as they are. */
export interface InodeRow {
  inode: InodeRecord
  nameBytes: Uint8Array
}

/** A tree an flist describes that cannot be rebuilt safely: what is wrong, and the fix. */
export class UnsafeTree extends Error {
  constructor(
    message: string,
    readonly fix = DAMAGED
  ) {
    super(message)
  }
}

const TYPE_NAMES: Record<EntryType, string> = {
  file: 'a file',
  directory: 'a directory',
  symlink: 'a symlink',
  block: 'a block device',
  char: 'a character device',
  fifo: 'a fifo',
  socket: 'a socket',
  unknown: 'an entry of unknown type'
}

/**
 * The entries from the root down, parents before children, children in inode order; refused
 * (UnsafeTree) unless the tree can be rebuilt inside one directory by creating each entry at its
 * path: the root is a directory; every name is one UTF-8 path component (not empty, `.` or `..`,
 * no `/` or NUL) and unique in its directory; only directories have entries under them; every
 * inode is in the tree; symlinks have a target. `rows` come in inode order.
 */
export function checkedTree(rows: InodeRow[]): TreeEntry[] {
  checkUniqueInodes(rows)
  const root = rows.find(row => row.inode.ino === ROOT_INO)
  if (!root) throw new Error(`inode ${ROOT_INO} not found`)
  if (entryType(root.inode.mode) !== 'directory')
    throw new UnsafeTree(
      `its root (inode 1) is ${TYPE_NAMES[entryType(root.inode.mode)]}, not a directory`
    )
  const children = new Map<number, InodeRow[]>()
  for (const row of rows) {
    if (row === root) continue
    const siblings = children.get(row.inode.parent)
    if (siblings) siblings.push(row)
    else children.set(row.inode.parent, [row])
  }

  const entries: TreeEntry[] = []
  const pending: TreeEntry[] = [{ path: '', inode: root.inode }]
  while (pending.length > 0) {
    const entry = pending.pop()!
    entries.push(entry)
    const below = children.get(entry.inode.ino) ?? []
    const type = entryType(entry.inode.mode)
    if (type === 'symlink') checkLinkTarget(entry)
    if (below.length === 0) continue
    if (type !== 'directory') {
      const first = `/${escapeName(entry.path)}/${escapeBytes(below[0].nameBytes)}`
      throw new UnsafeTree(`${first} is under ${TYPE_NAMES[type]}, not a directory`)
    }
    const named = new Map<string, number>()
    for (const child of below) {
      checkName(entry.path, child)
      const path = entry.path ? `${entry.path}/${child.inode.name}` : child.inode.name
      const twin = named.get(child.inode.name)
      if (twin !== undefined)
        throw new UnsafeTree(
          `two entries are named /${escapeName(path)} (inodes ${twin} and ${child.inode.ino})`,
          duplicateFix(child.inode.name)
        )
      named.set(child.inode.name, child.inode.ino)
    }
    for (let i = below.length - 1; i >= 0; i--) {
      const child = below[i]
      pending.push({
        path: entry.path ? `${entry.path}/${child.inode.name}` : child.inode.name,
        inode: child.inode
      })
    }
  }
  if (entries.length < rows.length) throw new UnsafeTree(describeStray(rows, entries))
  return entries
}

/**
 * One row per inode number. rfs's schema makes `ino` the key, but a crafted file may not: a number
 * used twice (or a link target recorded twice) would let a directory sit under itself, and the walk
 * from the root would never end.
 */
function checkUniqueInodes(rows: InodeRow[]): void {
  const seen = new Map<number, InodeRow>()
  for (const row of rows) {
    const first = seen.get(row.inode.ino)
    if (first)
      throw new UnsafeTree(
        `inode ${row.inode.ino} is recorded twice ('${escapeBytes(first.nameBytes)}' and '${escapeBytes(row.nameBytes)}')`
      )
    seen.set(row.inode.ino, row)
  }
}

/** A name must be one path component, so that the entry stays in its directory. */
function checkName(parentPath: string, { nameBytes }: InodeRow): void {
  // Made only for a message: escaping the parent's path for every entry was half of reading a flist.
  const of = (): string => `an entry of /${escapeName(parentPath)}`
  if (nameBytes.length === 0) throw new UnsafeTree(`${of()} has an empty name`)
  if (!isUtf8(nameBytes)) {
    const path = parentPath ? `/${escapeName(parentPath)}/` : '/'
    throw new UnsafeTree(`the name of ${path}${escapeBytes(nameBytes)} is not UTF-8`)
  }
  const name = Buffer.from(nameBytes).toString('utf8')
  if (name === '.' || name === '..' || name.includes('/') || name.includes('\0'))
    throw new UnsafeTree(`${of()} is named '${escapeName(name)}', which is not a file name`)
  if (nameBytes.length > NAME_MAX)
    throw new UnsafeTree(
      `${of()} has a name of ${nameBytes.length} bytes, over the ${NAME_MAX} a file name may have`
    )
}

function checkLinkTarget({ path, inode }: TreeEntry): void {
  if (!inode.data || inode.data.length === 0)
    throw new UnsafeTree(`the symlink /${escapeName(path)} has no target`)
  if (inode.data.includes(0))
    throw new UnsafeTree(`the symlink /${escapeName(path)} has a NUL byte in its target`)
}

/** Names the first inode the walk from the root did not reach, and why. */
function describeStray(rows: InodeRow[], reached: TreeEntry[]): string {
  const inTree = new Set(reached.map(entry => entry.inode.ino))
  const stray = rows.find(row => !inTree.has(row.inode.ino))!
  const { ino, parent } = stray.inode
  const why = rows.some(row => row.inode.ino === parent)
    ? 'is not under the root either'
    : 'is not in the flist'
  return `inode ${ino} ('${escapeBytes(stray.nameBytes)}') is not under the root: its parent, inode ${parent}, ${why}`
}

/** rfs packs names that are not UTF-8 lossily (U+FFFD), so names that differed become one. */
function duplicateFix(name: string): string {
  return name.includes('\uFFFD')
    ? 'names that are not UTF-8 become U+FFFD in rfs: rename them in the tree to UTF-8 and pack again'
    : DAMAGED
}
