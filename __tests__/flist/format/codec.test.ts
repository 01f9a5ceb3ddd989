import { execFileSync } from 'node:child_process'
import { createDecipheriv, createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import {
  BLOCK_SIZE,
  CorruptBlockError,
  createBlake2b256,
  decodeBlock,
  encodeBlock,
  encodeChunk,
  toHex
} from '../../../src/flist/format/codec.js'
import { pseudoRandomBytes, tempDir } from '../../helpers/tree.js'

// snappyjs is a separate, pure-JavaScript snappy implementation: an independent decoder.
const require = createRequire(import.meta.url)
const snappyjs = require('snappyjs') as { uncompress(input: Uint8Array): Uint8Array }

function b2sum256(path: string): string {
  return execFileSync('b2sum', ['-l', '256', path], { encoding: 'utf8' }).split(' ')[0]
}

describe('block codec', () => {
  test('key and id are BLAKE2b-256 of the chunk and of the blob, as b2sum -l 256 computes them', async () => {
    const dir = tempDir('codec')
    const hash = await createBlake2b256()
    for (const [name, chunk] of [
      ['full', pseudoRandomBytes(BLOCK_SIZE, 7)],
      ['short', pseudoRandomBytes(1000, 8)],
      ['one-byte', Buffer.from([0x42])]
    ] as const) {
      const { id, key, blob } = encodeBlock(chunk, hash)
      writeFileSync(join(dir, `${name}.plain`), chunk)
      writeFileSync(join(dir, `${name}.blob`), blob)
      expect(toHex(key)).toBe(b2sum256(join(dir, `${name}.plain`)))
      expect(toHex(id)).toBe(b2sum256(join(dir, `${name}.blob`)))
    }
  })

  test('BLAKE2b-256 is not a truncated BLAKE2b-512', async () => {
    const hash = await createBlake2b256()
    const data = Buffer.from('zero-os')
    const truncated = createHash('blake2b512').update(data).digest('hex').slice(0, 64)
    expect(toHex(hash.digest(data))).not.toBe(truncated)
  })

  test('the blob is AES-256-GCM (nonce = key[0..12], tag appended) of snappy raw data', async () => {
    const hash = await createBlake2b256()
    const plain = pseudoRandomBytes(300_000, 9)
    const { key, blob } = encodeBlock(plain, hash)
    const decipher = createDecipheriv('aes-256-gcm', key, key.subarray(0, 12))
    decipher.setAuthTag(blob.subarray(blob.length - 16))
    const compressed = Buffer.concat([
      decipher.update(blob.subarray(0, blob.length - 16)),
      decipher.final()
    ])
    expect(compressed.length).toBeLessThan(plain.length)
    expect(Buffer.from(snappyjs.uncompress(compressed)).equals(plain)).toBe(true)
  })

  test('the same chunk always gives the same blob (convergent encryption)', async () => {
    const hash = await createBlake2b256()
    const plain = pseudoRandomBytes(4096, 10)
    const a = encodeBlock(plain, hash)
    const b = encodeBlock(Buffer.from(plain), hash)
    expect(toHex(a.id)).toBe(toHex(b.id))
    expect(Buffer.from(a.blob).equals(Buffer.from(b.blob))).toBe(true)
  })

  test('a chunk encoded in pieces: ciphertext and tag of the blob, the ciphertext a buffer of its own', async () => {
    const dir = tempDir('codec-pieces')
    const hash = await createBlake2b256()
    for (const plain of [pseudoRandomBytes(10, 12), pseudoRandomBytes(BLOCK_SIZE, 13)]) {
      const key = hash.digest(plain)
      const { id, ciphertext, tag } = encodeChunk(plain, key, hash)
      // The id is of ciphertext then tag, as b2sum reads the stored blob.
      const blob = join(dir, `${plain.length}.blob`)
      writeFileSync(blob, Buffer.concat([ciphertext, tag]))
      expect(toHex(id)).toBe(b2sum256(blob))
      const decipher = createDecipheriv('aes-256-gcm', key, key.subarray(0, 12))
      decipher.setAuthTag(tag)
      const compressed = Buffer.concat([decipher.update(ciphertext), decipher.final()])
      expect(Buffer.from(snappyjs.uncompress(compressed)).equals(plain)).toBe(true)
      // Transferring its buffer moves these bytes and no others.
      expect([ciphertext.byteOffset, ciphertext.buffer.byteLength]).toEqual([0, ciphertext.length])
    }
  })

  test('decoding returns the chunk and refuses a damaged blob or a wrong key', async () => {
    const hash = await createBlake2b256()
    const plain = pseudoRandomBytes(BLOCK_SIZE, 11)
    const { id, key, blob } = encodeBlock(plain, hash)
    expect(Buffer.from(decodeBlock(blob, id, key, hash)).equals(plain)).toBe(true)

    const damaged = Uint8Array.from(blob)
    damaged[100] ^= 0xff
    expect(() => decodeBlock(damaged, id, key, hash)).toThrow(CorruptBlockError)
    // A damaged blob that still matches the id it is stored under (a hostile store) fails the tag.
    expect(() => decodeBlock(damaged, hash.digest(damaged), key, hash)).toThrow(
      /cannot be decrypted/
    )
    const wrongKey = Uint8Array.from(key)
    wrongKey[0] ^= 1
    expect(() => decodeBlock(blob, id, wrongKey, hash)).toThrow(CorruptBlockError)
  })
})
