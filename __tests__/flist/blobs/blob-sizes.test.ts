import { describe, expect, test } from '@jest/globals'
import { encodedBounds, expectedSizes, fits } from '../../../src/flist/blobs/blob-sizes.js'
import { FlistReader } from '../../../src/flist/format/reader.js'
import { fileRow, flistWith, hashLiteral } from '../../helpers/sql-flist.js'
import { tempDir } from '../../helpers/tree.js'

const BLOCK = 524_288
const hex = (byte: number): string => byte.toString(16).padStart(2, '0').repeat(32)
const block = (ino: number, byte: number): string =>
  `insert into block values (${ino}, ${hashLiteral(byte)}, ${hashLiteral(byte)})`

describe('blob sizes', () => {
  const work = tempDir('blob-sizes')

  test("without the packer's lengths, holds blobs to what their plain length encodes to", () => {
    expect(encodedBounds(0)).toMatchObject({ min: 17, max: 48 })
    // A full chunk: at least 3 bytes per 64 of snappy, at most snappy's own bound, plus the tag.
    expect(encodedBounds(524_288)).toMatchObject({
      min: 16 + 3 + 24_576,
      max: 16 + 32 + 524_288 + 87_381
    })
    // The plain length leads as a varint: one byte up to 127, two from 128.
    expect(encodedBounds(127).min).toBe(16 + 1 + 6)
    expect(encodedBounds(128).min).toBe(16 + 2 + 6)
  })

  test('a size fits from the least to the most a blob may hold, both included', () => {
    const expected = { min: 17, max: 48, reason: '' }
    expect([16, 17, 48, 49].map(size => fits(size, expected))).toEqual([false, true, true, false])
  })

  test("takes the packer's length where known, else each block's bounds from its file's size", async () => {
    const flist = flistWith(
      work,
      fileRow(2, 1, 'two-blocks', BLOCK + 100),
      block(2, 1),
      block(2, 2),
      fileRow(3, 1, 'packed', 10),
      block(3, 3)
    )
    const reader = await FlistReader.open(flist)
    try {
      const sizes = expectedSizes(reader, [hex(1), hex(2), hex(3)], new Map([[hex(3), 41]]))
      expect(sizes.get(hex(1))).toEqual(encodedBounds(BLOCK))
      expect(sizes.get(hex(2))).toEqual(encodedBounds(100))
      expect(sizes.get(hex(2))!.reason).toBe('a block of 100 bytes encodes to 22 to 164')
      expect(sizes.get(hex(3))).toEqual({ min: 41, max: 41, reason: 'it was encoded to 41' })
    } finally {
      reader.close()
    }
  })

  test('holds a block loosely where the flist cannot tell its plain length', async () => {
    const loose = {
      min: 17,
      max: Number.POSITIVE_INFINITY,
      reason: 'an encoded block has at least 17'
    }
    const flist = flistWith(
      work,
      // Two blocks for ten bytes: not cut as rfs cuts files.
      fileRow(2, 1, 'odd', 10),
      block(2, 1),
      block(2, 2),
      // One blob for a chunk of 100 bytes and one of 200: malformed.
      fileRow(3, 1, 'short', 100),
      block(3, 3),
      fileRow(4, 1, 'longer', 200),
      block(4, 3),
      fileRow(5, 1, 'sound', 100),
      block(5, 4)
    )
    const reader = await FlistReader.open(flist)
    try {
      const sizes = expectedSizes(reader, [1, 2, 3, 4, 5].map(hex))
      expect([1, 2, 3, 4, 5].map(byte => sizes.get(hex(byte)))).toEqual([
        loose,
        loose,
        loose,
        encodedBounds(100),
        // Named by no block of the flist.
        loose
      ])
    } finally {
      reader.close()
    }
  })
})
