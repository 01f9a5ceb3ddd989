import { afterAll, describe, expect, test } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { countEntries, readFlistCounts } from '../../../src/flist/format/counts.js'
import type { InodeRecord } from '../../../src/flist/format/inode.js'
import { S_IFDIR, S_IFIFO, S_IFLNK, S_IFREG } from '../../../src/flist/format/modes.js'
import { FlistWriter } from '../../../src/flist/format/writer.js'
import { tempDir } from '../../helpers/tree.js'

const work = tempDir('counts')
afterAll(() => rmSync(work, { recursive: true, force: true }))

const id = (n: number): Uint8Array => new Uint8Array(32).fill(n)

function inode(ino: number, parent: number, mode: number, size = 0): InodeRecord {
  const data = (mode & S_IFLNK) === S_IFLNK ? Buffer.from('target') : undefined
  return {
    ino,
    parent,
    name: `e${ino}`,
    size,
    uid: 0,
    gid: 0,
    mode,
    rdev: 0,
    ctime: 0,
    mtime: 0,
    data
  }
}

// A root, a directory in it, two files (one empty), a symlink and a fifo.
const TREE = [
  { ...inode(1, 0, S_IFDIR | 0o755), name: '/' },
  inode(2, 1, S_IFDIR | 0o755),
  inode(3, 2, S_IFREG | 0o644, 1000),
  inode(4, 1, S_IFREG | 0o644, 0),
  inode(5, 1, S_IFLNK | 0o777, 6),
  inode(6, 1, S_IFIFO | 0o644)
]

describe('entry counts', () => {
  test('count files, their bytes, directories with the root and symlinks; nothing else', () => {
    expect(countEntries(TREE)).toEqual({ files: 2, directories: 2, symlinks: 1, bytes: 1000 })
  })

  test('of an flist add its block rows, a block used twice counted twice', async () => {
    const writer = await FlistWriter.create()
    writer.transaction(() => {
      for (const entry of TREE) writer.inode(entry)
      writer.block(3, id(1), id(2))
      writer.block(3, id(1), id(2))
    })
    const path = join(work, 'tree.fl')
    writer.save(path)
    writer.close()
    expect(await readFlistCounts(path)).toEqual({
      files: 2,
      directories: 2,
      symlinks: 1,
      bytes: 1000,
      blocks: 2
    })
  })
})
