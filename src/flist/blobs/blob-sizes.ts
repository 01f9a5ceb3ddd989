// The sizes a store may hold a blob at for it to count as whole. The flist records no blob's
// length: the packer that encoded a blob knows it exactly, and for any other blob (an flist made
// by rfs, or checked on its own) the block's plain length bounds what its encoding can be.
import { BLOCK_SIZE, toHex } from '../format/codec.js'
import { S_IFMT, S_IFREG } from '../format/modes.js'
import type { FlistReader } from '../format/reader.js'

export interface ExpectedSize {
  min: number
  max: number
  /** Why, for a finding: "it was encoded to 1234", or the bounds and the plain length. */
  reason: string
}

/** AES-GCM's tag, after the ciphertext. */
const TAG_LENGTH = 16

/**
 * What a block of `plainLength` bytes can encode to: snappy's raw format, then the tag. The
 * format starts with the plain length as a varint, and each of its elements spends at least 3
 * bytes per 64 bytes it gives back (a copy gives at most 64 bytes for 3, or 11 for 2; a literal
 * a byte for a byte); no encoder writes more than 32 + n + n/6 bytes, the bound snappy's own
 * MaxCompressedLength promises.
 */
export function encodedBounds(plainLength: number): ExpectedSize {
  const min = TAG_LENGTH + varintLength(plainLength) + Math.ceil((3 * plainLength) / 64)
  const max = TAG_LENGTH + 32 + plainLength + Math.floor(plainLength / 6)
  return { min, max, reason: `a block of ${plainLength} bytes encodes to ${min} to ${max}` }
}

/** For a block whose plain length the flist does not tell: a tag and a varint at least. */
const ANY_BLOCK: ExpectedSize = {
  min: TAG_LENGTH + 1,
  max: Number.POSITIVE_INFINITY,
  reason: `an encoded block has at least ${TAG_LENGTH + 1}`
}

/**
 * The expected size of every blob the flist references, by hex id: the encoded length where
 * `known` gives it, else the bounds of its block's plain length. The plain length comes from the
 * file's size, for files cut into BLOCK_SIZE chunks as rfs and this project cut them.
 */
export function expectedSizes(
  reader: FlistReader,
  ids: readonly string[],
  known: ReadonlyMap<string, number> = new Map()
): Map<string, ExpectedSize> {
  const sizes = new Map<string, ExpectedSize>()
  for (const id of ids) {
    const length = known.get(id)
    if (length !== undefined)
      sizes.set(id, { min: length, max: length, reason: `it was encoded to ${length}` })
  }
  if (sizes.size === ids.length) return sizes

  const bounds = new Map<string, ExpectedSize>()
  const widen = (id: string, size: ExpectedSize): void => {
    if (sizes.has(id)) return
    const before = bounds.get(id)
    // One chunk of plain bytes under two lengths cannot be; a malformed flist is held loosely.
    bounds.set(id, before && before.reason !== size.reason ? ANY_BLOCK : size)
  }
  for (const { inode } of reader.walk()) {
    if ((inode.mode & S_IFMT) !== S_IFREG) continue
    const blocks = reader.blocks(inode.ino)
    const chunked = blocks.length === Math.ceil(inode.size / BLOCK_SIZE)
    blocks.forEach((block, index) => {
      const plainLength = Math.min(BLOCK_SIZE, inode.size - index * BLOCK_SIZE)
      widen(toHex(block.id), chunked ? encodedBounds(plainLength) : ANY_BLOCK)
    })
  }
  for (const id of ids) if (!sizes.has(id)) sizes.set(id, bounds.get(id) ?? ANY_BLOCK)
  return sizes
}

export function fits(size: number, expected: ExpectedSize): boolean {
  return size >= expected.min && size <= expected.max
}

function varintLength(value: number): number {
  let length = 1
  while (value >= 0x80) {
    value = Math.floor(value / 0x80)
    length++
  }
  return length
}
