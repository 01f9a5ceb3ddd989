import { FlistReader, type MetadataCounts } from './reader.js'

export type { MetadataCounts } from './reader.js'

/** What a pack did, as reported in outputs and the job summary. */
export interface FlistCounts {
  files: number
  directories: number
  symlinks: number
  bytes: number
  blocks: number
  blocksUploaded: number
  blocksPresent: number
  /** Chunks compressed and encrypted by this pack, where the engine knows it. */
  blocksEncoded?: number
}

/** Files, directories (the root included), symlinks, bytes and block rows of any rfs flist. */
export async function readFlistCounts(flistPath: string): Promise<MetadataCounts> {
  const reader = await FlistReader.open(flistPath)
  try {
    return reader.counts()
  } finally {
    reader.close()
  }
}
