// One task encoded on this thread, as a block worker encodes it.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from '@jest/globals'
import {
  BLOCK_SIZE,
  createBlake2b256,
  decodeBlock,
  encodeBlock,
  joinBlob,
  type Blake2b256,
  type EncodedBlock
} from '../../../src/flist/format/codec.js'
import { KnownBlocks } from '../../../src/flist/pack/known-blocks.js'
import { encodeTask, type EncodedTask } from '../../../src/flist/pool/encode-task.js'
import type { Segment } from '../../../src/flist/pack/segment.js'
import { pseudoRandomBytes, tempDir } from '../../helpers/tree.js'

/** The id, key and blob (ciphertext and tag joined) of the task's chunk `n`. */
function chunkOf(task: EncodedTask, n: number): { id: Buffer; key: Buffer; blob?: Buffer } {
  const { ciphertext } = task.chunks[n]
  const tag = task.tags.subarray(n * 16, (n + 1) * 16)
  return {
    id: Buffer.from(task.ids.subarray(n * 32, (n + 1) * 32)),
    key: Buffer.from(task.keys.subarray(n * 32, (n + 1) * 32)),
    blob: ciphertext && Buffer.from(joinBlob(ciphertext, tag))
  }
}

describe('encodeTask', () => {
  const work = tempDir('encode-task')
  const long = pseudoRandomBytes(2 * BLOCK_SIZE + 500, 1)
  const short = pseudoRandomBytes(700, 2)
  const segments: Segment[] = [
    { path: join(work, 'long'), first: 1, count: 2, size: long.length },
    { path: join(work, 'short'), first: 0, count: 1, size: short.length }
  ]
  // Chunks 1 and 2 of long, then the one chunk of short.
  const plains = [long.subarray(BLOCK_SIZE, 2 * BLOCK_SIZE), long.subarray(2 * BLOCK_SIZE), short]
  let hash: Blake2b256
  let expected: EncodedBlock[]
  const encoder = (known?: KnownBlocks) => ({ hash, buffer: new Uint8Array(BLOCK_SIZE), known })

  beforeAll(async () => {
    writeFileSync(join(work, 'long'), long)
    writeFileSync(join(work, 'short'), short)
    hash = await createBlake2b256()
    expected = plains.map(plain => encodeBlock(plain, hash))
  })

  test('encodes the chunks of every segment in order, each blob the codec would make', () => {
    const task = encodeTask(segments, encoder())
    expect(
      task.chunks.map(({ segment, index, plainLength }) => [segment, index, plainLength])
    ).toEqual([
      [0, 1, BLOCK_SIZE],
      [0, 2, 500],
      [1, 0, 700]
    ])
    task.chunks.forEach((entry, n) => {
      const { id, key, blob } = chunkOf(task, n)
      expect(id.equals(expected[n].id)).toBe(true)
      expect(key.equals(expected[n].key)).toBe(true)
      expect(blob!.equals(expected[n].blob)).toBe(true)
      expect(entry.blobLength).toBe(blob!.length)
      expect(Buffer.from(decodeBlock(blob!, id, key, hash)).equals(plains[n])).toBe(true)
    })
  })

  test('a chunk whose key is known takes its id from there and makes no blob, unless fresh', () => {
    const known = new KnownBlocks(Buffer.concat([expected[1].key, expected[1].id]))
    const task = encodeTask(segments, encoder(known))
    expect(task.chunks.map(chunk => chunk.blobLength === 0)).toEqual([false, true, false])
    expect(task.chunks[1].ciphertext).toBeUndefined()
    expect(chunkOf(task, 1).id.equals(expected[1].id)).toBe(true)
    expect(chunkOf(task, 2).blob!.equals(expected[2].blob)).toBe(true)

    const fresh = encodeTask(segments, encoder(known), true)
    expect(chunkOf(fresh, 1).blob!.equals(expected[1].blob)).toBe(true)
  })
})
