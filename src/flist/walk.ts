// Lists a tree with lstat, in a fixed order: directories breadth first, the children of each
// sorted by the bytes of their names, so the same tree always gives the same inode numbers.
import type { Stats } from 'node:fs'
import { lstat, readdir, readlink, stat } from 'node:fs/promises'
import { UserError } from '../errors.js'
import { S_IFDIR, S_IFLNK, S_IFMT } from './modes.js'
import { ROOT_INO, ROOT_NAME } from './schema.js'

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
    const names = (await readdir(directory.path, { encoding: 'buffer' })).sort(Buffer.compare)
    const children = await Promise.all(names.map(name => describe(directory, name)))
    for (const child of children) items.push({ ...child, ino: items.length + 1 })
  }
  return items
}

async function describe(parent: TreeItem, name: Buffer): Promise<Omit<TreeItem, 'ino'>> {
  const path = Buffer.concat([parent.path, SLASH, name])
  const stats = await lstat(path)
  const linkTarget =
    (stats.mode & S_IFMT) === S_IFLNK ? await readlink(path, { encoding: 'buffer' }) : undefined
  return { parent: parent.ino, name, path, stats, linkTarget }
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
