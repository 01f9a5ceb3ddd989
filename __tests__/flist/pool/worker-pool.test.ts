import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { UserError } from '../../../src/common/errors.js'
import { createBlake2b256, decodeBlock, toHex } from '../../../src/flist/format/codec.js'
import { BlockWorkerPool } from '../../../src/flist/pool/worker-pool.js'
import { pseudoRandomBytes, tempDir } from '../../helpers/tree.js'

describe('the block worker pool', () => {
  test('encodes every task on its workers and sends each blob back, named by its hash', async () => {
    const work = tempDir('pool')
    const contents = Array.from({ length: 8 }, (_, n) => pseudoRandomBytes(100_000 + n, n))
    const segments = contents.map((bytes, n) => {
      const path = join(work, `file-${n}.bin`)
      writeFileSync(path, bytes)
      return { path, first: 0, count: 1, size: bytes.length }
    })
    const pool = BlockWorkerPool.start(2)
    try {
      expect(pool.size).toBe(2)
      // More tasks at once than the workers take: the rest wait for a free one.
      const encoded = await Promise.all(segments.map(segment => pool.encode([segment])))
      const hash = await createBlake2b256()
      encoded.forEach(([chunk], n) => {
        expect(chunk.blob).toBeInstanceOf(Uint8Array)
        expect(chunk.blobLength).toBe(chunk.blob!.byteLength)
        expect(toHex(hash.digest(chunk.blob!))).toBe(toHex(chunk.id))
        expect(Buffer.from(decodeBlock(chunk.blob!, chunk.id, chunk.key, hash))).toEqual(
          contents[n]
        )
      })
      // A file shorter than listed fails its task, on whichever worker it ran.
      const shrunk = segments.map(segment => ({ ...segment, size: segment.size + 10 }))
      const failures = await Promise.allSettled(shrunk.map(segment => pool.encode([segment])))
      for (const failure of failures) {
        expect(failure.status).toBe('rejected')
        const reason = (failure as PromiseRejectedResult).reason
        expect(reason).toBeInstanceOf(UserError)
        expect(String(reason)).toMatch(/got shorter/)
      }
    } finally {
      await pool.close()
    }
  })
})
