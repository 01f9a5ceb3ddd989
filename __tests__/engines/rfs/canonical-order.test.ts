import { afterAll, describe, expect, test } from '@jest/globals'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { rewriteInCanonicalOrder } from '../../../src/engines/rfs/canonical-order.js'
import type { InodeRecord } from '../../../src/flist/format/inode.js'
import { S_IFDIR, S_IFREG } from '../../../src/flist/format/modes.js'
import { FlistWriter } from '../../../src/flist/format/writer.js'
import { readFlist, sql } from '../../helpers/independent-flist.js'
import { tempDir } from '../../helpers/tree.js'

const work = tempDir('canonical-order')
afterAll(() => rmSync(work, { recursive: true, force: true }))

const id = (n: number): Uint8Array => new Uint8Array(32).fill(n)

function entry(ino: number, parent: number, name: string, mode: number): InodeRecord {
  return { ino, parent, name, size: 1, uid: 1000, gid: 1000, mode, rdev: 0, ctime: 500, mtime: 500 }
}

/** The tree /b/x, /a, /c as rfs might number it, the blocks of /a and /b/x interleaved. */
async function asRfsWroteIt(path: string, order: 'one' | 'other'): Promise<void> {
  const writer = await FlistWriter.create()
  const entries = [
    entry(1, 0, '/', S_IFDIR | 0o755),
    entry(2, 1, 'b', S_IFDIR | 0o755),
    entry(3, 2, 'x', S_IFREG | 0o644),
    entry(4, 1, 'c', S_IFREG | 0o644),
    entry(5, 1, 'a', S_IFREG | 0o644)
  ]
  const blocks: Array<[number, number]> =
    order === 'one'
      ? [
          [5, 1],
          [3, 10],
          [5, 2],
          [3, 11]
        ]
      : [
          [3, 10],
          [3, 11],
          [5, 1],
          [5, 2]
        ]
  writer.transaction(() => {
    for (const inode of entries) writer.inode(inode)
    for (const [ino, n] of blocks) writer.block(ino, id(n), id(n + 100))
  })
  writer.route(0, 255, 'dir:///store')
  writer.save(path)
  writer.close()
}

describe('rewriting an flist in canonical order', () => {
  test('entries breadth first by name bytes, numbered in that order, each file its blocks in order', async () => {
    const path = join(work, 'one.fl')
    await asRfsWroteIt(path, 'one')
    await rewriteInCanonicalOrder(path)
    const names = sql(path, 'select ino, parent, name from inode order by ino')
    expect(names).toEqual([
      { ino: 1, parent: 0, name: '/' },
      { ino: 2, parent: 1, name: 'a' },
      { ino: 3, parent: 1, name: 'b' },
      { ino: 4, parent: 1, name: 'c' },
      { ino: 5, parent: 3, name: 'x' }
    ])
    const hex = (n: number): string => Buffer.from(id(n)).toString('hex')
    expect(sql(path, 'select ino, lower(hex(id)) id from block order by rowid')).toEqual([
      { ino: 2, id: hex(1) },
      { ino: 2, id: hex(2) },
      { ino: 5, id: hex(10) },
      { ino: 5, id: hex(11) }
    ])
  })

  test('two insertion orders of one tree give the same bytes', async () => {
    const [one, other] = [join(work, 'a.fl'), join(work, 'b.fl')]
    await asRfsWroteIt(one, 'one')
    await asRfsWroteIt(other, 'other')
    await rewriteInCanonicalOrder(one)
    await rewriteInCanonicalOrder(other)
    expect(readFileSync(one).equals(readFileSync(other))).toBe(true)
  })

  test('the edit goes in on the way: owner, clamped times, tags and routes', async () => {
    const path = join(work, 'edited.fl')
    await asRfsWroteIt(path, 'one')
    await rewriteInCanonicalOrder(path, {
      owner: { uid: 0, gid: 0 },
      sourceDateEpoch: 400,
      setTags: [['kind', 'modules']],
      deleteRoutes: 'all',
      addRoutes: [{ start: 0, end: 255, url: 'http://blobs.example' }]
    })
    const flist = readFlist(path)
    for (const inode of flist.inodes.values())
      expect([inode.uid, inode.gid, inode.ctime, inode.mtime]).toEqual([0, 0, 400, 400])
    expect([...flist.tags]).toEqual([['kind', 'modules']])
    expect(flist.routes).toEqual([{ start: 0, end: 255, url: 'http://blobs.example' }])
  })
})
