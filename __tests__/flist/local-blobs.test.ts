import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { toHex } from '../../src/flist/codec.js'
import { localStoreRoutes } from '../../src/flist/local-blobs.js'
import { BlockWorkerPool } from '../../src/flist/worker-pool.js'
import { openStores } from '../../src/store/open.js'
import { pseudoRandomBytes, tempDir } from './helpers/tree.js'

describe('blobs the block workers store themselves', () => {
  test('are chosen when every store is a directory, and not when any is S3', async () => {
    const [low, high] = [tempDir('local-low'), tempDir('local-high')]
    const dirs = await openStores([
      { start: 0x00, end: 0x7f, url: `dir://${low}` },
      { start: 0x80, end: 0xff, url: `dir://${high}` }
    ])
    expect(localStoreRoutes(dirs)).toEqual([
      { start: 0x00, end: 0x7f, root: low },
      { start: 0x80, end: 0xff, root: high }
    ])
    const mixed = await openStores([
      { start: 0x00, end: 0xff, url: `dir://${low}` },
      { start: 0x00, end: 0xff, url: 's3://key:secret@127.0.0.1:9/blobs' }
    ])
    expect(localStoreRoutes(mixed)).toBeUndefined()
  })

  test('are written by the worker, and only the ids come back', async () => {
    const work = tempDir('local-worker')
    const store = join(work, 'store')
    const file = join(work, 'file.bin')
    writeFileSync(file, pseudoRandomBytes(600_000, 7))
    const segment = { path: file, first: 0, count: 2, size: 600_000 }
    const pool = await BlockWorkerPool.start(1, {
      localStores: [{ start: 0, end: 255, root: store }]
    })
    try {
      const chunks = await pool.encode([segment])
      expect(chunks.map(chunk => [chunk.blob, chunk.written])).toEqual([
        [undefined, true],
        [undefined, true]
      ])
      for (const { id } of chunks) {
        const hex = toHex(id)
        expect(existsSync(join(store, hex.slice(0, 2), hex))).toBe(true)
      }
      // Encoded again, the blobs are found rather than written.
      const again = await pool.encode([segment])
      expect(again.map(chunk => chunk.written)).toEqual([false, false])
    } finally {
      await pool.close()
    }
  })
})
