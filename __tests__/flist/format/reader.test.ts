// Flists written here with the sqlite3 shell, as another tool would write them: the reader takes
// whatever storage class a value has, and checks what it must.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { UserError } from '../../../src/common/errors.js'
import { FlistReader } from '../../../src/flist/format/reader.js'
import { SCHEMA_STATEMENTS } from '../../../src/flist/format/schema.js'
import { flistWith as sqlFlist, hashLiteral } from '../../helpers/sql-flist.js'
import { tempDir } from '../../helpers/tree.js'

const work = tempDir('reader')
const flistWith = (...statements: string[]): string => sqlFlist(work, ...statements)

async function read<T>(path: string, body: (reader: FlistReader) => T): Promise<T> {
  const reader = await FlistReader.open(path)
  try {
    return body(reader)
  } finally {
    reader.close()
  }
}

describe('FlistReader', () => {
  test('takes text where rfs writes blobs, and reals where it writes integers', async () => {
    const flist = flistWith(
      "insert into inode values (2, 1, 'lib', 4096.0, 0, 0, 16877.0, 0, 0, 0)",
      "insert into inode values (3, 2, 'firmware', 8, null, null, 41471, 0, 1.7e9, 1.7e9)",
      "insert into extra values (3, '../../lib/firmware')"
    )
    const entries = await read(flist, reader => [...reader.walk()])
    expect(entries.map(({ path, inode }) => [path, inode.mode, inode.uid])).toEqual([
      ['', 16877, 0],
      ['lib', 16877, 0],
      ['lib/firmware', 41471, 0]
    ])
    expect(entries[2].inode.mtime).toBe(1_700_000_000)
    expect(Buffer.from(entries[2].inode.data!).toString()).toBe('../../lib/firmware')
  })

  test("gives a file's blocks in the order written, and each distinct block once", async () => {
    const flist = flistWith(
      "insert into inode values (2, 1, 'a', 3, 0, 0, 33188, 0, 0, 0)",
      "insert into inode values (3, 1, 'b', 1, 0, 0, 33188, 0, 0, 0)",
      `insert into block values (2, ${hashLiteral(9)}, ${hashLiteral(1)})`,
      `insert into block values (3, ${hashLiteral(5)}, ${hashLiteral(2)})`,
      `insert into block values (2, ${hashLiteral(3)}, ${hashLiteral(3)})`,
      `insert into block values (2, ${hashLiteral(9)}, ${hashLiteral(1)})`
    )
    const ids = (blocks: Array<{ id: Uint8Array }>): number[] => blocks.map(block => block.id[0])
    await read(flist, reader => {
      expect(ids(reader.blocks(2))).toEqual([9, 3, 9])
      expect(ids(reader.blocks(3))).toEqual([5])
      expect(ids(reader.distinctBlocks())).toEqual([9, 5, 3])
      expect(reader.blockRows()).toBe(4)
    })
  })

  test('gives tags and routes in the order written', async () => {
    const flist = flistWith(
      "insert into tag values ('zeta', 'last'), ('alpha', 'first')",
      "insert into route values (128, 255, 'dir:///high'), (0, 127, 'dir:///low')"
    )
    await read(flist, reader => {
      expect(reader.tags()).toEqual([
        ['zeta', 'last'],
        ['alpha', 'first']
      ])
      expect(reader.routes()).toEqual([
        { start: 128, end: 255, url: 'dir:///high' },
        { start: 0, end: 127, url: 'dir:///low' }
      ])
    })
  })

  test('refuses a block id or key that is not 32 bytes, naming its length', async () => {
    const file = "insert into inode values (2, 1, 'a', 3, 0, 0, 33188, 0, 0, 0)"
    // Hex text, as a tool that wrote the id as text would: 64 bytes.
    const hexId = flistWith(
      file,
      `insert into block values (2, '${'ab'.repeat(32)}', ${hashLiteral(1)})`
    )
    await read(hexId, reader => {
      expect(() => reader.blocks(2)).toThrow('a block id is 64 bytes, not 32')
      expect(() => reader.distinctBlocks()).toThrow('a block id is 64 bytes, not 32')
    })
    const shortKey = flistWith(file, `insert into block values (2, ${hashLiteral(1)}, x'0102')`)
    await read(shortKey, reader => {
      expect(() => reader.blocks(2)).toThrow('a block key is 2 bytes, not 32')
    })
  })

  test('refuses a file that is not an flist, naming it', async () => {
    const path = join(work, 'notes.fl')
    writeFileSync(path, 'not a database, only text\n')
    await expect(FlistReader.open(path)).rejects.toThrow(
      new RegExp(`^${path} is not an flist: file is not a database$`)
    )
    const noRoot = join(work, 'no-root.fl')
    execFileSync('sqlite3', [noRoot, SCHEMA_STATEMENTS.join('\n')])
    await expect(FlistReader.open(noRoot)).rejects.toThrow(
      `${noRoot} is not an flist: inode 1 not found`
    )
  })

  test('refuses an unsafe tree as a user error: the file, what is wrong and the fix', async () => {
    const flist = flistWith(
      "insert into inode values (2, 1, 'a', 0, 0, 0, 33188, 0, 0, 0)",
      "insert into inode values (3, 1, 'a', 0, 0, 0, 33188, 0, 0, 0)"
    )
    const opening = FlistReader.open(flist)
    await expect(opening).rejects.toThrow(UserError)
    await expect(opening).rejects.toThrow(
      `${flist}: two entries are named /a (inodes 2 and 3); the flist is damaged or crafted: do not unpack or publish it, pack the tree again`
    )
  })
})
