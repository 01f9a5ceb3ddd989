// One task's encoding, wherever it runs: its chunks in order, their ids and keys packed into two
// arrays, and their blobs either stored in the local directory stores or handed back.
import { HASH_LENGTH, toHex, type Blake2b256 } from './codec.js'
import type { EncodedChunkEntry } from './block-protocol.js'
import type { LocalBlobStores } from './local-blobs.js'
import { encodeSegment, type Segment } from './segment.js'

export interface EncodedTask {
  chunks: EncodedChunkEntry[]
  ids: Uint8Array
  keys: Uint8Array
  /** The buffers that can move to another thread instead of being copied. */
  transfer: ArrayBuffer[]
}

/** `buffer` is BLOCK_SIZE bytes, reused for every read. */
export function encodeTask(
  segments: Segment[],
  hash: Blake2b256,
  buffer: Uint8Array,
  localStores: LocalBlobStores | undefined
): EncodedTask {
  const total = segments.reduce((sum, segment) => sum + segment.count, 0)
  const ids = new Uint8Array(total * HASH_LENGTH)
  const keys = new Uint8Array(total * HASH_LENGTH)
  const chunks: EncodedChunkEntry[] = []
  const transfer: ArrayBuffer[] = [ids.buffer, keys.buffer]
  segments.forEach((segment, position) => {
    encodeSegment(segment, hash, buffer, (index, block, plainLength) => {
      ids.set(block.id, chunks.length * HASH_LENGTH)
      keys.set(block.key, chunks.length * HASH_LENGTH)
      const blobLength = block.blob.byteLength
      if (localStores) {
        const written = localStores.store(toHex(block.id), block.blob)
        chunks.push({ segment: position, index, plainLength, blobLength, written })
      } else {
        chunks.push({ segment: position, index, plainLength, blobLength, blob: block.blob })
        transfer.push(block.blob.buffer as ArrayBuffer)
      }
    })
  })
  return { chunks, ids, keys, transfer }
}
