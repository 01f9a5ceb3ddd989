import { afterAll, describe, expect, test } from '@jest/globals'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { FlistWriter } from '../../../src/flist/format/writer.js'
import { S_IFDIR, S_IFLNK, S_IFREG } from '../../../src/flist/format/modes.js'
import { readFlist, sql } from '../../helpers/independent-flist.js'
import { tempDir } from '../../helpers/tree.js'
import { entry, id } from '../../helpers/writer-rows.js'

const work = tempDir('writer')
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('flist writer', () => {
  // Rows are inserted many to a statement: counts around that size, and rows of two tables that
  // interleave (a link's target goes to extra), must all land, in the order they were given.
  test.each([1, 63, 64, 65, 200])('%i entries and their blocks land in order', async count => {
    const writer = await FlistWriter.create()
    writer.begin()
    writer.inode({ ...entry(1, S_IFDIR | 0o755), parent: 0, name: '/' })
    for (let ino = 2; ino < count + 2; ino++) {
      const link = ino % 3 === 0
      writer.inode(
        link
          ? entry(ino, S_IFLNK | 0o777, Buffer.from(`target-${ino}`))
          : entry(ino, S_IFREG | 0o644)
      )
    }
    for (let ino = 2; ino < count + 2; ino++) {
      if (ino % 3 === 0) continue
      for (let n = 0; n < ino % 4; n++) writer.block(ino, id(ino * 4 + n), id(ino * 4 + n + 1))
    }
    writer.route(0, 255, 'dir:///blobs')
    writer.tag('kind', 'modules')
    writer.commit()
    const path = join(work, `${count}.fl`)
    writer.save(path)
    writer.close()

    const flist = readFlist(path)
    expect(flist.inodes.size).toBe(count + 1)
    for (let ino = 2; ino < count + 2; ino++) {
      const inode = flist.inodes.get(ino)!
      expect(inode.name).toBe(`e${ino}`)
      if (ino % 3 === 0) {
        expect(inode.target?.toString()).toBe(`target-${ino}`)
        expect(flist.blocks.get(ino)).toBeUndefined()
      } else {
        const hex = (n: number): string => Buffer.from(id(n)).toString('hex')
        expect(flist.blocks.get(ino)?.map(block => [block.id, block.key]) ?? []).toEqual(
          Array.from({ length: ino % 4 }, (_, n) => [hex(ino * 4 + n), hex(ino * 4 + n + 1)])
        )
      }
    }
    // Block rows keep the order they were added in across the whole table, not only per file.
    const order = sql(path, 'select ino from block order by rowid').map(row => row.ino as number)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(flist.routes).toEqual([{ start: 0, end: 255, url: 'dir:///blobs' }])
    expect(flist.tags.get('kind')).toBe('modules')
  })

  test('rows of a transaction that fails are dropped with it', async () => {
    const writer = await FlistWriter.create()
    writer.inode({ ...entry(1, S_IFDIR | 0o755), parent: 0, name: '/' })
    expect(() =>
      writer.transaction(() => {
        for (let ino = 2; ino < 10; ino++) writer.inode(entry(ino, S_IFREG | 0o644))
        throw new Error('stop')
      })
    ).toThrow('stop')
    writer.transaction(() => writer.tag('kind', 'firmware'))
    const path = join(work, 'rolled-back.fl')
    writer.save(path)
    writer.close()
    const flist = readFlist(path)
    expect([...flist.inodes.keys()]).toEqual([1])
    expect(flist.tags.get('kind')).toBe('firmware')
  })

  test('a directory with two entries of one name is never saved', async () => {
    const writer = await FlistWriter.create()
    writer.inode({ ...entry(1, S_IFDIR | 0o755), parent: 0, name: '/' })
    writer.inode({ ...entry(2, S_IFREG | 0o644), name: 'fw\uFFFD.bin' })
    writer.inode({ ...entry(3, S_IFREG | 0o644), name: 'other' })
    writer.inode({ ...entry(4, S_IFREG | 0o644), name: 'fw\uFFFD.bin' })
    const path = join(work, 'twice.fl')
    expect(() => writer.save(path)).toThrow(
      `${path}: inodes 2 and 4 are both named 'fw\uFFFD.bin' in directory inode 1: an flist holds one entry per name`
    )
    writer.close()
    expect(existsSync(path)).toBe(false)
  })
})
