// The rfs block codec: convergent encryption of 512 KiB chunks, so identical chunks give identical
// blobs and stores dedup them. Pure computation; callers own I/O and the hasher instance.
import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto'
import type { IHasher } from 'hash-wasm'
import blake2b from './blake2b-loader.cjs'
import { snappyDecompress, withSnappyCompressed } from './snappy.js'

export const BLOCK_SIZE = 512 * 1024
export const HASH_LENGTH = 32
const NONCE_LENGTH = 12
export const TAG_LENGTH = 16

export interface EncodedBlock {
  /** BLAKE2b-256 of the blob: the blob's name in a store. */
  id: Uint8Array
  /** BLAKE2b-256 of the plain chunk: the AES key, and the nonce source. */
  key: Uint8Array
  blob: Uint8Array
}

/**
 * An encoded chunk with its blob in the two pieces the cipher gives: the blob is ciphertext then
 * tag. The ciphertext is the cipher's own buffer, which a worker can transfer as it is.
 */
export interface EncodedPieces {
  id: Uint8Array
  key: Uint8Array
  ciphertext: Uint8Array
  tag: Uint8Array
}

/** A reusable BLAKE2b-256 (32-byte digest, not a truncated BLAKE2b-512). One per thread. */
export interface Blake2b256 {
  /** The digest of `data` followed by `more`. */
  digest(data: Uint8Array, more?: Uint8Array): Uint8Array
}

export async function createBlake2b256(): Promise<Blake2b256> {
  const hasher: IHasher = await blake2b.createBLAKE2b(256)
  return {
    digest(data, more) {
      hasher.init()
      hasher.update(data)
      if (more) hasher.update(more)
      return hasher.digest('binary')
    }
  }
}

/** plain → (key, id, blob). */
export function encodeBlock(plain: Uint8Array, hash: Blake2b256): EncodedBlock {
  const { id, key, ciphertext, tag } = encodeChunk(plain, hash.digest(plain), hash)
  return { id, key, blob: joinBlob(ciphertext, tag) }
}

/**
 * encodeBlock for a chunk whose key (its BLAKE2b-256) is already computed, its blob in pieces. It
 * makes no buffer but the ciphertext and the tag: see withSnappyCompressed.
 */
export function encodeChunk(plain: Uint8Array, key: Uint8Array, hash: Blake2b256): EncodedPieces {
  return withSnappyCompressed(plain, compressed => {
    const cipher = createCipheriv('aes-256-gcm', aesKey(key), key.subarray(0, NONCE_LENGTH))
    const ciphertext = cipher.update(compressed)
    cipher.final()
    const tag = cipher.getAuthTag()
    return { id: hash.digest(ciphertext, tag), key, ciphertext, tag }
  })
}

/** The blob stores hold: the ciphertext, then the tag. */
export function joinBlob(ciphertext: Uint8Array, tag: Uint8Array): Uint8Array {
  const blob = new Uint8Array(ciphertext.length + tag.length)
  blob.set(ciphertext)
  blob.set(tag, ciphertext.length)
  return blob
}

/**
 * A KeyObject rather than the raw bytes: recent Node 24 releases (the action's runtime) try raw
 * key bytes as a KeyObject first and pay for the exception they catch, per cipher, which costs
 * more than making the KeyObject.
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
