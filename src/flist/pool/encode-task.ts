// One task's encoding: its chunks in order, their ids, keys and tags packed into three arrays, and
// their ciphertexts handed back. A chunk an earlier flist already names is only hashed: its id is
// taken from there, and no blob is made.
import { HASH_LENGTH, TAG_LENGTH, encodeChunk, type Blake2b256 } from '../format/codec.js'
import type { EncodedChunkEntry } from './block-protocol.js'
import type { KnownBlocks } from '../pack/known-blocks.js'
import { readSegment, type Segment } from '../pack/segment.js'

export interface EncodedTask {
  chunks: EncodedChunkEntry[]
  ids: Uint8Array
  keys: Uint8Array
  tags: Uint8Array
  /** The buffers that can move to another thread instead of being copied. */
  transfer: ArrayBuffer[]
}

/** What an encoder keeps for its lifetime. */
export interface Encoder {
  hash: Blake2b256
  /** BLOCK_SIZE bytes, reused for every read. */
  buffer: Uint8Array
  known?: KnownBlocks
}

/** `fresh`: encode every chunk, known or not (for a blob the stores turned out to lack). */
export function encodeTask(segments: Segment[], encoder: Encoder, fresh = false): EncodedTask {
  const { hash, buffer } = encoder
  const known = fresh ? undefined : encoder.known
  const total = segments.reduce((sum, segment) => sum + segment.count, 0)
  const ids = new Uint8Array(total * HASH_LENGTH)
  const keys = new Uint8Array(total * HASH_LENGTH)
  const tags = new Uint8Array(total * TAG_LENGTH)
  const chunks: EncodedChunkEntry[] = []
  const transfer: ArrayBuffer[] = [ids.buffer, keys.buffer, tags.buffer]
  segments.forEach((segment, position) => {
    readSegment(segment, buffer, (index, plain) => {
      const chunk = chunks.length
      const at = chunk * HASH_LENGTH
      const plainLength = plain.length
      const key = hash.digest(plain)
      keys.set(key, at)
      const knownId = known?.idFor(key)
      if (knownId) {
        // The stores are asked for it by the pack, from their listings.
        ids.set(knownId, at)
        chunks.push({ segment: position, index, plainLength, blobLength: 0 })
        return
      }
      // The ciphertext moves to the main thread as the cipher made it, and the main thread
      // joins it to its tag: a blob made here would leave the ciphertext behind as garbage.
      const { id, ciphertext, tag } = encodeChunk(plain, key, hash)
      ids.set(id, at)
      tags.set(tag, chunk * TAG_LENGTH)
      const blobLength = ciphertext.byteLength + TAG_LENGTH
      chunks.push({ segment: position, index, plainLength, blobLength, ciphertext })
      transfer.push(ciphertext.buffer as ArrayBuffer)
    })
  })
  return { chunks, ids, keys, tags, transfer }
}
