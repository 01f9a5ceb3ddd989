// Block rows reach the writer in task order, whichever task is encoded first.
import { afterAll, describe, expect, test } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { BlockRows } from '../../../src/flist/format/block-rows.js'
import { FlistWriter } from '../../../src/flist/format/writer.js'
import { S_IFDIR, S_IFREG } from '../../../src/flist/format/modes.js'
import { sql } from '../../helpers/independent-flist.js'
import { tempDir } from '../../helpers/tree.js'
import { entry, id } from '../../helpers/writer-rows.js'

const work = tempDir('block-rows')
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('BlockRows', () => {
  test('block rows go in task order, whichever task is done first, once the writer is given', async () => {
    const writer = await FlistWriter.create()
    writer.begin()
    writer.inode({ ...entry(1, S_IFDIR | 0o755), parent: 0, name: '/' })
    for (let ino = 2; ino <= 4; ino++) writer.inode(entry(ino, S_IFREG | 0o644))
    const rows = new BlockRows(3)
    const row = (ino: number, n: number) => ({ ino, id: id(n), key: id(n + 100) })
    rows.add(2, [row(4, 5)])
    rows.add(0, [row(2, 1), row(2, 2)])
    expect(rows.complete).toBe(false)
    rows.writeTo(writer)
    expect(rows.complete).toBe(false)
    rows.add(1, [row(3, 3), row(3, 4)])
    expect(rows.complete).toBe(true)
    writer.commit()
    const path = join(work, 'block-rows.fl')
    writer.save(path)
    writer.close()
    const order = sql(path, 'select ino, hex(id) id from block order by rowid').map(
      ({ ino, id: hex }) => [ino, hex]
    )
    const hex = (n: number): string => Buffer.from(id(n)).toString('hex').toUpperCase()
    expect(order).toEqual([
      [2, hex(1)],
      [2, hex(2)],
      [3, hex(3)],
      [3, hex(4)],
      [4, hex(5)]
    ])
  })

  test('rows of tasks all done before the writer is given go in as it is given', async () => {
    const writer = await FlistWriter.create()
    writer.inode({ ...entry(1, S_IFDIR | 0o755), parent: 0, name: '/' })
    writer.inode(entry(2, S_IFREG | 0o644))
    const rows = new BlockRows(2)
    rows.add(1, [{ ino: 2, id: id(2), key: id(12) }])
    rows.add(0, [{ ino: 2, id: id(1), key: id(11) }])
    expect(rows.complete).toBe(false)
    rows.writeTo(writer)
    expect(rows.complete).toBe(true)
    const path = join(work, 'before-writer.fl')
    writer.save(path)
    writer.close()
    expect(sql(path, 'select hex(key) key from block order by rowid')).toEqual(
      [11, 12].map(n => ({ key: Buffer.from(id(n)).toString('hex').toUpperCase() }))
    )
  })
})
