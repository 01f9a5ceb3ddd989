import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from '@jest/globals'
import { createBlake2b256, decodeBlock } from '../../../src/flist/format/codec.js'
import { BlockRows } from '../../../src/flist/format/block-rows.js'
import { S_IFMT, S_IFREG } from '../../../src/flist/format/modes.js'
import { FlistWriter } from '../../../src/flist/format/writer.js'
import { storeBlocks, type BlockOptions } from '../../../src/flist/pack/store-blocks.js'
import { planTasks } from '../../../src/flist/pack/tasks.js'
import { walkTree } from '../../../src/flist/pack/walk.js'
import { BlockWorkerPool } from '../../../src/flist/pool/worker-pool.js'
import { openStores } from '../../../src/store/open.js'
import { KIB, pseudoRandomBytes, tempDir } from '../../helpers/tree.js'

interface Row {
  ino: number
  id: string
  key: string
}

/**
 * Stores the blocks of every file under source into a dir store; the block rows come back as
 * the flist would hold them, in insertion order.
 */
async function blocksOf(
  source: string,
  store: string,
  { known, ...options }: Partial<BlockOptions> & { known?: Uint8Array } = {}
): Promise<{ stored: Awaited<ReturnType<typeof storeBlocks>>; rows: Row[] }> {
  const files = (await walkTree(source)).filter(item => (item.stats.mode & S_IFMT) === S_IFREG)
  const tasks = planTasks(files)
  const blockRows = new BlockRows(tasks.length)
  const writer = await FlistWriter.create()
  const pool = BlockWorkerPool.start(2, { known })
  try {
    writer.begin()
    blockRows.writeTo(writer)
    const stored = await storeBlocks(files, tasks, blockRows, pool, {
      stores: await openStores([{ start: 0, end: 255, url: `dir://${store}` }]),
      log: () => undefined,
      ...options
    })
    writer.commit()
    const flist = `${store}.fl`
    writer.save(flist)
    const rows = execFileSync(
      'sqlite3',
      [flist, 'select ino, lower(hex(id)), lower(hex(key)) from block order by rowid'],
      { encoding: 'utf8' }
    )
      .trim()
      .split('\n')
      .map(line => line.split('|'))
      .map(([ino, id, key]) => ({ ino: Number(ino), id, key }))
    return { stored, rows }
  } finally {
    writer.close()
    await pool.close()
  }
}

/** Key and id pairs, as the workers take the known blocks. */
function knownPairs(rows: Row[]): Uint8Array {
  return Buffer.concat(
    rows.flatMap(row => [Buffer.from(row.key, 'hex'), Buffer.from(row.id, 'hex')])
  )
}

describe('storing the blocks of a pack', () => {
  const work = tempDir('store-blocks')
  const source = join(work, 'source')
  const BLOCK = 512 * KIB
  // Inodes in walk order: 1 the root, 2 empty, 3 long.bin, 4 repeated.bin.
  const contents: Record<number, Buffer> = {
    2: Buffer.alloc(0),
    3: pseudoRandomBytes(9 * BLOCK + 77, 1),
    4: Buffer.concat([0, 0, 0].map(() => pseudoRandomBytes(BLOCK, 2)))
  }
  const names: Record<number, string> = { 2: 'empty', 3: 'long.bin', 4: 'repeated.bin' }
  let first: Awaited<ReturnType<typeof blocksOf>>

  beforeAll(async () => {
    mkdirSync(source, { recursive: true })
    for (const [ino, bytes] of Object.entries(contents))
      writeFileSync(join(source, names[Number(ino)]), bytes)
    first = await blocksOf(source, join(work, 'store'))
  })

  test('each distinct blob is stored once, and the rows rebuild every file in order', async () => {
    // 10 blocks of long.bin, 3 of one blob for repeated.bin, none for the empty file.
    expect(first.stored).toEqual({ total: 13, uploaded: 11, present: 0, encoded: 13 })
    expect(readdirSync(join(work, 'store'))).toHaveLength(11)
    const hash = await createBlake2b256()
    for (const ino of [2, 3, 4]) {
      const plain = first.rows
        .filter(row => row.ino === ino)
        .map(({ id, key }) =>
          decodeBlock(
            readFileSync(join(work, 'store', id)),
            Buffer.from(id, 'hex'),
            Buffer.from(key, 'hex'),
            hash
          )
        )
      expect(Buffer.concat(plain).equals(contents[ino])).toBe(true)
    }
  })

  test('blobs the store already holds are counted present, not stored again', async () => {
    const again = await blocksOf(source, join(work, 'store'))
    expect(again.stored).toEqual({ total: 13, uploaded: 0, present: 11, encoded: 13 })
    expect(again.rows).toEqual(first.rows)
  })

  test('with room for one block in memory, every blob is still stored', async () => {
    const tight = await blocksOf(source, join(work, 'tight-store'), { maxPendingBlocks: 1 })
    expect(tight.stored).toMatchObject({ total: 13, uploaded: 11, present: 0 })
    expect(tight.rows).toEqual(first.rows)
    expect(readdirSync(join(work, 'tight-store')).sort()).toEqual(
      readdirSync(join(work, 'store')).sort()
    )
  })

  test('known blocks are not encoded, unless the store lacks their blob', async () => {
    const known = knownPairs(first.rows)
    const present = await blocksOf(source, join(work, 'store'), { known })
    expect(present.stored).toEqual({ total: 13, uploaded: 0, present: 11, encoded: 0 })
    expect(present.rows).toEqual(first.rows)

    const lacking = await blocksOf(source, join(work, 'empty-store'), { known })
    expect(lacking.stored).toMatchObject({ total: 13, uploaded: 11, present: 0 })
    expect(lacking.rows).toEqual(first.rows)
    expect(readdirSync(join(work, 'empty-store')).sort()).toEqual(
      readdirSync(join(work, 'store')).sort()
    )
  })

  test('a chunk that no longer encodes to its known id is refused as a file changed meanwhile', async () => {
    // What a file rewritten between hashing and encoding looks like: a known id its chunk lacks.
    const wrong = first.rows.map(row => ({
      ...row,
      id: row.id.replace(/^./, c => (c === 'a' ? 'b' : 'a'))
    }))
    await expect(
      blocksOf(source, join(work, 'changed-store'), { known: knownPairs(wrong) })
    ).rejects.toThrow(
      /^\S+\/(long|repeated)\.bin changed while it was being packed: pack a tree nothing writes to$/
    )
  })

  test('an abort ends it with the abort reason', async () => {
    const controller = new AbortController()
    controller.abort(new Error('stop now'))
    await expect(
      blocksOf(source, join(work, 'aborted-store'), { signal: controller.signal })
    ).rejects.toThrow('stop now')
  })
})
