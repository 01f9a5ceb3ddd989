import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { UserError } from '../../../src/common/errors.js'
import {
  BLOCK_SIZE,
  createBlake2b256,
  decodeBlock,
  encodeBlock,
  toHex
} from '../../../src/flist/format/codec.js'
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

  test('in a task of known and new chunks, each new blob is whole: its own ciphertext and tag', async () => {
    const work = tempDir('pool-known')
    const hash = await createBlake2b256()
    // Five files, nine chunks; every other chunk is known from an earlier flist.
    const contents = [1, 3, 1, 2, 2].map((chunks, n) =>
      pseudoRandomBytes((chunks - 1) * BLOCK_SIZE + 1000 + n, 20 + n)
    )
    const chunks = contents.flatMap(bytes =>
      Array.from({ length: Math.ceil(bytes.length / BLOCK_SIZE) }, (_, index) =>
        encodeBlock(bytes.subarray(index * BLOCK_SIZE, (index + 1) * BLOCK_SIZE), hash)
      )
    )
    const known = Buffer.concat(
      chunks.filter((_, n) => n % 2 === 0).flatMap(({ key, id }) => [key, id])
    )
    const segments = contents.map((bytes, n) => {
      const path = join(work, `file-${n}.bin`)
      writeFileSync(path, bytes)
      return { path, first: 0, count: Math.ceil(bytes.length / BLOCK_SIZE), size: bytes.length }
    })
    const pool = BlockWorkerPool.start(1, { known })
    try {
      const encoded = await pool.encode(segments)
      expect(encoded.map(chunk => toHex(chunk.id))).toEqual(chunks.map(({ id }) => toHex(id)))
      encoded.forEach((chunk, n) => {
        if (n % 2 === 0) expect(chunk.blob).toBeUndefined()
        else expect(Buffer.from(chunk.blob!).equals(Buffer.from(chunks[n].blob))).toBe(true)
      })
    } finally {
      await pool.close()
    }
  })
})
