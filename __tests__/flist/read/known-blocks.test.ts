// Reruns that take these pairs, end to end, are in flist/pack/known-blocks.test.ts.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { readKnownBlocks } from '../../../src/flist/read/known-blocks.js'
import { fileRow, flistWith, hashLiteral } from '../../helpers/sql-flist.js'
import { tempDir } from '../../helpers/tree.js'

const ENGINE = 'native 1.2.3'
const creator = (engine: string): string =>
  `insert into tag values ('creator', 'rfs-flist-action 1.2.3 (${engine})')`
const block = (ino: number, key: number, id: number): string =>
  `insert into block values (${ino}, ${hashLiteral(id)}, ${hashLiteral(key)})`
const bytes32 = (byte: number): Buffer => Buffer.alloc(32, byte)

describe('readKnownBlocks', () => {
  const work = tempDir('read-known')
  const files = [fileRow(2, 1, 'a', 3 * 524_288), fileRow(3, 1, 'b', 10)]

  test("gives each distinct block's key and id, in first-use order", async () => {
    const flist = flistWith(
      work,
      creator(ENGINE),
      ...files,
      block(2, 0x11, 0xa1),
      block(2, 0x12, 0xa2),
      block(2, 0x11, 0xa1),
      block(3, 0x13, 0xa3)
    )
    const pairs = await readKnownBlocks(flist, ENGINE)
    expect(Buffer.from(pairs!)).toEqual(
      Buffer.concat([0x11, 0xa1, 0x12, 0xa2, 0x13, 0xa3].map(bytes32))
    )
  })

  test('takes nothing from an flist of another engine or version, or one that names none', async () => {
    for (const tags of [[creator('rfs 2.0.6')], [creator('native 1.2.30')], []]) {
      const flist = flistWith(work, ...tags, ...files, block(2, 0x11, 0xa1))
      expect(await readKnownBlocks(flist, ENGINE)).toBeUndefined()
    }
  })

  test('an flist that is missing, not an flist, or unreadable is no error: nothing is known', async () => {
    expect(await readKnownBlocks(join(work, 'absent.fl'), ENGINE)).toBeUndefined()
    const garbage = join(work, 'garbage.fl')
    writeFileSync(garbage, 'not sqlite')
    expect(await readKnownBlocks(garbage, ENGINE)).toBeUndefined()
    const shortId = flistWith(
      work,
      creator(ENGINE),
      ...files,
      `insert into block values (2, x'0102', ${hashLiteral(1)})`
    )
    expect(await readKnownBlocks(shortId, ENGINE)).toBeUndefined()
    const twoOfOneName = flistWith(
      work,
      creator(ENGINE),
      fileRow(2, 1, 'a', 0),
      fileRow(3, 1, 'a', 0)
    )
    expect(await readKnownBlocks(twoOfOneName, ENGINE)).toBeUndefined()
  })
})
