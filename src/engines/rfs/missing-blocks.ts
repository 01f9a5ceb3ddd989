// rfs v2.0.6 and older log a file whose upload failed and go on: the flist is written, the exit
// code is 0, and the file has fewer blocks than its size needs (none when its first block failed).
// Each block holds at most BLOCK_SIZE bytes, so a whole file has at least ceil(size / BLOCK_SIZE).
import { BLOCK_SIZE } from '../../flist/format/codec.js'
import { S_IFMT, S_IFREG } from '../../flist/format/modes.js'
import { FlistReader } from '../../flist/format/reader.js'

export interface FilesMissingBlocks {
  count: number
  /** Path of the first one, relative to the packed directory. */
  first?: string
}

/** The regular files of the flist that have fewer blocks than their size needs. */
export async function filesMissingBlocks(flistPath: string): Promise<FilesMissingBlocks> {
  const reader = await FlistReader.open(flistPath)
  try {
    const result: FilesMissingBlocks = { count: 0 }
    for (const { path, inode } of reader.walk()) {
      if ((inode.mode & S_IFMT) !== S_IFREG) continue
      if (reader.blocks(inode.ino).length >= Math.ceil(inode.size / BLOCK_SIZE)) continue
      result.count++
      result.first ??= path
    }
    return result
  } finally {
    reader.close()
  }
}
