import { afterAll, expect, test } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { filesMissingBlocks } from '../../../src/engines/rfs/missing-blocks.js'
import { BLOCK_SIZE } from '../../../src/flist/format/codec.js'
import type { InodeRecord } from '../../../src/flist/format/inode.js'
import { S_IFDIR, S_IFREG } from '../../../src/flist/format/modes.js'
import { FlistWriter } from '../../../src/flist/format/writer.js'
import { tempDir } from '../../helpers/tree.js'

const work = tempDir('missing-blocks')
afterAll(() => rmSync(work, { recursive: true, force: true }))

const id = (n: number): Uint8Array => new Uint8Array(32).fill(n)

function entry(ino: number, parent: number, name: string, mode: number, size = 0): InodeRecord {
  return { ino, parent, name, size, uid: 0, gid: 0, mode, rdev: 0, ctime: 0, mtime: 0 }
}

test('a file with fewer blocks than its size needs is counted, the first named by its path', async () => {
  const writer = await FlistWriter.create()
  writer.transaction(() => {
    writer.inode(entry(1, 0, '/', S_IFDIR | 0o755))
    writer.inode(entry(2, 1, 'lib', S_IFDIR | 0o755))
    // Whole: two blocks for a size just over one block; an empty file needs none.
    writer.inode(entry(3, 2, 'whole', S_IFREG | 0o644, BLOCK_SIZE + 1))
    writer.inode(entry(4, 2, 'empty', S_IFREG | 0o644, 0))
    // Short: one block of the two, and none of one.
    writer.inode(entry(5, 2, 'short', S_IFREG | 0o644, BLOCK_SIZE + 1))
    writer.inode(entry(6, 1, 'none', S_IFREG | 0o644, 1))
    writer.block(3, id(1), id(2))
    writer.block(3, id(3), id(4))
    writer.block(5, id(5), id(6))
  })
  const path = join(work, 'partial.fl')
  writer.save(path)
  writer.close()
  expect(await filesMissingBlocks(path)).toEqual({ count: 2, first: 'lib/short' })
})
