// Lists a tree with lstat, in a fixed order: directories breadth first, the children of each
// sorted by the bytes of their names, so the same tree always gives the same inode numbers.
// Directory by directory with synchronous calls: the trees packed are freshly built or checked
// out, so their metadata is cached, and a cached lstat costs a fraction of a promise round trip
// through the thread pool. The event loop gets a turn between directories.
import { isUtf8 } from 'node:buffer'
import { lstatSync, readdirSync, readlinkSync, type Dirent, type Stats } from 'node:fs'
import { stat } from 'node:fs/promises'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { UserError } from '../../common/errors.js'
import { S_IFDIR, S_IFLNK, S_IFMT } from '../format/modes.js'
import { escapeBytes } from '../format/name-bytes.js'
import { ROOT_INO, ROOT_NAME } from '../format/schema.js'

export interface TreeItem {
  ino: number
  parent: number
  /** Name bytes as the filesystem holds them. */
  name: Buffer
  /** Absolute path bytes, for filesystem calls (names need not be UTF-8). */
  path: Buffer
  stats: Stats
  /** Symlink target bytes, read and never followed. */
  linkTarget?: Buffer
}

const SLASH = Buffer.from('/')

/** Every entry under root, the root first (inode 1). */
export async function walkTree(root: string, signal?: AbortSignal): Promise<TreeItem[]> {
  const rootStats = await statRoot(root)
  const items: TreeItem[] = [
    {
      ino: ROOT_INO,
      parent: 0,
      name: Buffer.from(ROOT_NAME),
      path: Buffer.from(root),
      stats: rootStats
    }
  ]
  for (let next = 0; next < items.length; next++) {
    signal?.throwIfAborted()
    const directory = items[next]
    if ((directory.stats.mode & S_IFMT) !== S_IFDIR) continue
    const names = readdirSync(directory.path, { encoding: 'buffer' }).sort(Buffer.compare)
    for (const name of names) {
      const path = Buffer.concat([directory.path, SLASH, name])
      checkName(path, name)
      items.push({ ...describe(directory, name, path), ino: items.length + 1 })
    }
    if (next % 16 === 15) await nextTurn()
  }
  return items
}

function describe(parent: TreeItem, name: Buffer, path: Buffer): Omit<TreeItem, 'ino'> {
  const stats = lstatSync(path)
  const linkTarget =
    (stats.mode & S_IFMT) === S_IFLNK ? readlinkSync(path, { encoding: 'buffer' }) : undefined
  return { parent: parent.ino, name, path, stats, linkTarget }
}

/**
 * Refuses a tree holding a name that is not UTF-8, for a packer that does not list it with
 * walkTree (rfs). Directories it cannot read are left for that packer to report.
 */
export async function checkTreeNames(root: string, signal?: AbortSignal): Promise<void> {
  // In walkTree's order, so both engines name the same file of a tree with several.
  const pending = [Buffer.from(root)]
  for (let next = 0; next < pending.length; next++) {
    signal?.throwIfAborted()
    const directory = pending[next]
    let entries: Dirent<Buffer>[]
    try {
      entries = readdirSync(directory, { encoding: 'buffer', withFileTypes: true })
    } catch {
      continue
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name))
    for (const entry of entries) {
      const path = Buffer.concat([directory, SLASH, entry.name])
      checkName(path, entry.name)
      if (entry.isDirectory()) pending.push(path)
    }
    if (next % 16 === 15) await nextTurn()
  }
}

/**
 * Flists hold UTF-8 names. rfs stores other names lossily, so `fw\xff.bin` and `fw\xfe.bin` would
 * both become `fw\uFFFD.bin`: two entries of one name that no reader can rebuild.
 */
function checkName(path: Buffer, name: Buffer): void {
  if (isUtf8(name)) return
  throw new UserError(
    `${escapeBytes(path)}: the name is not UTF-8, and flists hold UTF-8 names: rename it to UTF-8 (e.g. convmv -f latin1 -t utf8 --notest) and pack again`
  )
}

async function statRoot(root: string): Promise<Stats> {
  let stats: Stats
  try {
    stats = await stat(root)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new UserError(`the directory to pack, ${root}, does not exist`)
    throw error
  }
  if (!stats.isDirectory()) throw new UserError(`the path to pack, ${root}, is not a directory`)
  return stats
}
