import { execFileSync } from 'node:child_process'
import { rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { UserError } from '../../../src/common/errors.js'
import { BLOCK_SIZE } from '../../../src/flist/format/codec.js'
import { readSegment, type Segment } from '../../../src/flist/pack/segment.js'
import { pseudoRandomBytes, tempDir } from '../../helpers/tree.js'

/** The chunks readSegment emits, copied (it reuses one buffer), with their indexes. */
function chunksOf(segment: Segment): Array<[number, Buffer]> {
  const chunks: Array<[number, Buffer]> = []
  readSegment(segment, new Uint8Array(BLOCK_SIZE), (index, plain) =>
    chunks.push([index, Buffer.from(plain)])
  )
  return chunks
}

describe('readSegment', () => {
  const work = tempDir('segment')
  const bytes = pseudoRandomBytes(4 * BLOCK_SIZE + 1000, 5)
  const path = join(work, 'four-and-a-bit.bin')
  writeFileSync(path, bytes)
  const size = bytes.length
  const chunk = (index: number): Buffer =>
    bytes.subarray(index * BLOCK_SIZE, (index + 1) * BLOCK_SIZE)

  test('emits the chunks of the segment in order, the last one of the file short', () => {
    const chunks = chunksOf({ path, first: 0, count: 5, size })
    expect(chunks.map(([index, plain]) => [index, plain.length])).toEqual([
      [0, BLOCK_SIZE],
      [1, BLOCK_SIZE],
      [2, BLOCK_SIZE],
      [3, BLOCK_SIZE],
      [4, 1000]
    ])
    expect(Buffer.concat(chunks.map(([, plain]) => plain)).equals(bytes)).toBe(true)
  })

  test('a segment from the middle of a file reads only its own chunks', () => {
    const chunks = chunksOf({ path, first: 2, count: 2, size })
    expect(chunks.map(([index]) => index)).toEqual([2, 3])
    expect(chunks.every(([index, plain]) => plain.equals(chunk(index)))).toBe(true)
  })

  test('a file that got shorter since it was listed is refused naming it', () => {
    const shrinking = join(work, 'shrinking.bin')
    writeFileSync(shrinking, bytes)
    truncateSync(shrinking, 2 * BLOCK_SIZE + 10)
    const reading = (): unknown => chunksOf({ path: shrinking, first: 0, count: 5, size })
    expect(reading).toThrow(UserError)
    expect(reading).toThrow(
      `${shrinking} got shorter while it was being packed: pack a tree nothing writes to meanwhile`
    )
  })

  test('a file that disappeared is refused naming it, its name given as bytes too', () => {
    const gone = join(work, 'gone.bin')
    writeFileSync(gone, 'x')
    rmSync(gone)
    const message = `${gone} disappeared while it was being packed: pack a tree nothing changes meanwhile`
    expect(() => chunksOf({ path: gone, first: 0, count: 1, size: 1 })).toThrow(message)
    expect(() =>
      chunksOf({ path: new Uint8Array(Buffer.from(gone)), first: 0, count: 1, size: 1 })
    ).toThrow(message)
  })

  test('a file replaced by a fifo is refused at once, not waited on', () => {
    const fifo = join(work, 'now-a-fifo')
    execFileSync('mkfifo', [fifo])
    expect(() => chunksOf({ path: fifo, first: 0, count: 1, size: 10 })).toThrow(
      `${fifo} is no longer a regular file: pack a tree nothing changes while it is packed`
    )
  })

  test('a file that cannot be opened is refused with the OS reason and the fix', () => {
    // Replaced by a link to itself since it was listed: opening it meets ELOOP.
    const looping = join(work, 'looping')
    symlinkSync('looping', looping)
    expect(() => chunksOf({ path: looping, first: 0, count: 1, size: 10 })).toThrow(
      new RegExp(
        `^cannot read ${looping}: .*\\(ELOOP\\): make it readable, or remove it from the tree$`
      )
    )
  })
})
