import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { toHex } from '../../../src/flist/format/codec.js'
import { localStoreRoutes } from '../../../src/flist/pack/local-blobs.js'
import { BlockWorkerPool } from '../../../src/flist/pool/worker-pool.js'
import { openStores } from '../../../src/store/open.js'
import { pseudoRandomBytes, tempDir } from '../../helpers/tree.js'

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
        expect(existsSync(join(store, hex))).toBe(true)
      }
      // Encoded again, the blobs are found rather than written.
      const again = await pool.encode([segment])
      expect(again.map(chunk => chunk.written)).toEqual([false, false])
    } finally {
      await pool.close()
    }
  })

  test('with two threads, one worker and this thread encode, and each stores its blobs', async () => {
    const work = tempDir('local-two-threads')
    const store = join(work, 'store')
    const segments = Array.from({ length: 8 }, (_, n) => {
      const path = join(work, `file-${n}.bin`)
      writeFileSync(path, pseudoRandomBytes(100_000 + n, n))
      return { path, first: 0, count: 1, size: 100_000 + n }
    })
    const pool = await BlockWorkerPool.start(2, {
      localStores: [{ start: 0, end: 255, root: store }]
    })
    try {
      expect(pool.size).toBe(2)
      // The worker takes four tasks while it starts; the fifth is this thread's, done first.
      const settled: number[] = []
      const encoded = await Promise.all(
        segments.map((segment, n) =>
          pool.encode([segment]).then(chunks => {
            settled.push(n)
            return chunks
          })
        )
      )
      expect(settled[0]).toBe(4)
      const ids = encoded.map(([chunk]) => toHex(chunk.id))
      expect(new Set(ids).size).toBe(8)
      for (const hex of ids) expect(existsSync(join(store, hex))).toBe(true)
      expect(encoded.map(([chunk]) => chunk.written)).toEqual(new Array(8).fill(true))
      // A file shorter than listed fails its task, on whichever thread it ran.
      const shrunk = segments.map(segment => ({ ...segment, size: segment.size + 10 }))
      const failures = await Promise.allSettled(shrunk.map(segment => pool.encode([segment])))
      for (const failure of failures) {
        expect(failure.status).toBe('rejected')
        expect(String((failure as PromiseRejectedResult).reason)).toMatch(/got shorter/)
      }
    } finally {
      await pool.close()
    }
  })
})
