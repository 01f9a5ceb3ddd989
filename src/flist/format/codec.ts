// The rfs block codec: convergent encryption of 512 KiB chunks, so identical chunks give identical
// blobs and stores dedup them. Pure computation; callers own I/O and the hasher instance.
import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto'
import type { IHasher } from 'hash-wasm'
import blake2b from './blake2b-loader.cjs'
import { snappyCompress, snappyDecompress } from './snappy.js'

export const BLOCK_SIZE = 512 * 1024
export const HASH_LENGTH = 32
const NONCE_LENGTH = 12
const TAG_LENGTH = 16

export interface EncodedBlock {
  /** BLAKE2b-256 of the blob: the blob's name in a store. */
  id: Uint8Array
  /** BLAKE2b-256 of the plain chunk: the AES key, and the nonce source. */
  key: Uint8Array
  blob: Uint8Array
}

/** A reusable BLAKE2b-256 (32-byte digest, not a truncated BLAKE2b-512). One per thread. */
export interface Blake2b256 {
  digest(data: Uint8Array): Uint8Array
}

export async function createBlake2b256(): Promise<Blake2b256> {
  const hasher: IHasher = await blake2b.createBLAKE2b(256)
  return {
    digest(data) {
      hasher.init()
      hasher.update(data)
      return hasher.digest('binary')
    }
  }
}

/**
 * plain → (key, id, blob). The blob is allocated at its exact size in its own ArrayBuffer, so
 * a worker can transfer it instead of copying.
 */
export function encodeBlock(plain: Uint8Array, hash: Blake2b256): EncodedBlock {
  return encodeKeyedBlock(plain, hash.digest(plain), hash)
}

/** encodeBlock for a chunk whose key (its BLAKE2b-256) is already computed. */
export function encodeKeyedBlock(
  plain: Uint8Array,
  key: Uint8Array,
  hash: Blake2b256
): EncodedBlock {
  const compressed = snappyCompress(plain)
  const cipher = createCipheriv('aes-256-gcm', aesKey(key), key.subarray(0, NONCE_LENGTH))
  const blob = new Uint8Array(compressed.length + TAG_LENGTH)
  blob.set(cipher.update(compressed))
  cipher.final()
  blob.set(cipher.getAuthTag(), compressed.length)
  return { id: hash.digest(blob), key, blob }
}

/**
 * Node 24 from 24.18 (the action's runtime) tries raw key bytes as a KeyObject first and pays for
 * the exception it catches: 15 µs per cipher, as much as encrypting a small block. A KeyObject
 * costs 3 µs to make and skips that; older releases lose those 3 µs.
 */
function aesKey(key: Uint8Array): KeyObject {
  return createSecretKey(key)
}

export class CorruptBlockError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CorruptBlockError'
  }
}

/** blob → plain, checking the blob against its id and the plain chunk against its key. */
export function decodeBlock(
  blob: Uint8Array,
  id: Uint8Array,
  key: Uint8Array,
  hash: Blake2b256
): Uint8Array {
  if (!equalBytes(hash.digest(blob), id))
    throw new CorruptBlockError(`blob ${toHex(id)} does not match its id`)
  if (blob.length < TAG_LENGTH) throw new CorruptBlockError(`blob ${toHex(id)} is too short`)
  const plain = decryptAndDecompress(blob, key, id)
  if (!equalBytes(hash.digest(plain), key)) {
    throw new CorruptBlockError(`blob ${toHex(id)} does not decode to its key's content`)
  }
  return plain
}

function decryptAndDecompress(blob: Uint8Array, key: Uint8Array, id: Uint8Array): Uint8Array {
  const ciphertextLength = blob.length - TAG_LENGTH
  try {
    const decipher = createDecipheriv('aes-256-gcm', aesKey(key), key.subarray(0, NONCE_LENGTH))
    decipher.setAuthTag(blob.subarray(ciphertextLength))
    const compressed = Buffer.concat([
      decipher.update(blob.subarray(0, ciphertextLength)),
      decipher.final()
    ])
    return snappyDecompress(compressed)
  } catch (error) {
    throw new CorruptBlockError(
      `blob ${toHex(id)} cannot be decrypted or decompressed: ${String(error)}`
    )
  }
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0
}
