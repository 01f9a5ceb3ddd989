// What the flist records for a listed entry, with the reproducibility settings applied.
import type { InodeRecord } from '../format/inode.js'
import { S_IFDIR, S_IFMT } from '../format/modes.js'
import type { TreeItem } from './walk.js'

/** The numeric owner recorded for entries. */
export interface Owner {
  uid: number
  gid: number
}

export interface RecordOptions {
  /** Recorded for every entry instead of the owner found on disk. */
  owner?: Owner
  /** Seconds; later ctime and mtime are recorded as this. */
  sourceDateEpoch?: number
}

/**
 * Directory sizes depend on the filesystem and on its history (ext4 directories never shrink),
 * not on the tree, so a fixed value keeps the flist reproducible. Readers do not use it.
 */
export const DIRECTORY_SIZE = 4096

export function inodeRecord(item: TreeItem, options: RecordOptions): InodeRecord {
  const { stats } = item
  const isDirectory = (stats.mode & S_IFMT) === S_IFDIR
  return {
    ino: item.ino,
    parent: item.parent,
    // walkTree refuses names that are not UTF-8: distinct names stay distinct.
    name: item.name.toString('utf8'),
    size: isDirectory ? DIRECTORY_SIZE : stats.size,
    uid: options.owner?.uid ?? stats.uid,
    gid: options.owner?.gid ?? stats.gid,
    mode: stats.mode,
    rdev: stats.rdev,
    ctime: clamp(seconds(stats.ctimeMs), options.sourceDateEpoch),
    mtime: clamp(seconds(stats.mtimeMs), options.sourceDateEpoch),
    data: item.linkTarget ? new Uint8Array(item.linkTarget) : undefined
  }
}

function seconds(milliseconds: number): number {
  return Math.floor(milliseconds / 1000)
}

function clamp(value: number, limit: number | undefined): number {
  return limit === undefined ? value : Math.min(value, limit)
}
