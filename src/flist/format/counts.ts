import type { InodeRecord } from './inode.js'
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from './modes.js'
import { FlistReader } from './reader.js'

/** What a tree holds, by entry type. */
export interface EntryCounts {
  files: number
  /** The root included, as `rfs flist inspect` counts. */
  directories: number
  symlinks: number
  /** Sum of the sizes of regular files. */
  bytes: number
}

export interface MetadataCounts extends EntryCounts {
  /** Block rows: one per chunk of every file, duplicates included. */
  blocks: number
}

/** Counts entries by the type bits of their mode, whether they come from an flist or a tree. */
export function countEntries(entries: Iterable<Pick<InodeRecord, 'mode' | 'size'>>): EntryCounts {
  const counts: EntryCounts = { files: 0, directories: 0, symlinks: 0, bytes: 0 }
  for (const { mode, size } of entries) {
    const type = mode & S_IFMT
    if (type === S_IFREG) {
      counts.files++
      counts.bytes += size
    } else if (type === S_IFDIR) counts.directories++
    else if (type === S_IFLNK) counts.symlinks++
  }
  return counts
}

/** The counts of an open flist: every inode is in its tree, which the reader has checked. */
export function flistCounts(reader: FlistReader): MetadataCounts {
  const inodes = [...reader.walk()].map(entry => entry.inode)
  return { ...countEntries(inodes), blocks: reader.blockRows() }
}

/** What a pack did, as reported in outputs and the job summary. */
export interface FlistCounts extends MetadataCounts {
  blocksUploaded: number
  blocksPresent: number
  /** Chunks compressed and encrypted by this pack, where the engine knows it. */
  blocksEncoded?: number
}

/** Files, directories (the root included), symlinks, bytes and block rows of any rfs flist. */
export async function readFlistCounts(flistPath: string): Promise<MetadataCounts> {
  const reader = await FlistReader.open(flistPath)
  try {
    return flistCounts(reader)
  } finally {
    reader.close()
  }
}
