// Blocks an earlier flist of the same name already names: plaintext key → blob id. The codec is
// convergent (a chunk's blob depends on the chunk alone), so a chunk whose key is known needs no
// compressing and encrypting again, only hashing, and its blob id is the one this codec would
// give it. Only flists this very engine version wrote are taken: another encoder (the rfs binary's
// snappy) gives the same chunk another valid blob, and the .fl would then differ from a fresh pack.
// Held by the block workers; read from the earlier flist by flist/read/known-blocks.ts.
import { HASH_LENGTH, toHex } from '../format/codec.js'

/** Key and id of each block, 32 bytes each, one pair after the other: cheap to hand to workers. */
export type KnownBlockPairs = Uint8Array

export class KnownBlocks {
  private readonly ids = new Map<string, Uint8Array>()

  constructor(pairs: KnownBlockPairs) {
    for (let at = 0; at + 2 * HASH_LENGTH <= pairs.length; at += 2 * HASH_LENGTH) {
      const key = pairs.subarray(at, at + HASH_LENGTH)
      this.ids.set(toHex(key), pairs.subarray(at + HASH_LENGTH, at + 2 * HASH_LENGTH))
    }
  }

  get size(): number {
    return this.ids.size
  }

  /** The blob id of the chunk with this key, when known. */
  idFor(key: Uint8Array): Uint8Array | undefined {
    return this.ids.get(toHex(key))
  }
}
