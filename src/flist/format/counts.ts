import { FlistReader, type MetadataCounts } from './reader.js'

export type { MetadataCounts } from './reader.js'

/** Files, directories (the root included), symlinks, bytes and block rows of any rfs flist. */
export async function readFlistCounts(flistPath: string): Promise<MetadataCounts> {
  const reader = await FlistReader.open(flistPath)
  try {
    return reader.counts()
  } finally {
    reader.close()
  }
}
