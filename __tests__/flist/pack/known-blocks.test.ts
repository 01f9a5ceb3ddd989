// KnownBlocks: the key and id pairs an earlier flist names, as the block workers look them up.
import { describe, expect, test } from '@jest/globals'
import { HASH_LENGTH } from '../../../src/flist/format/codec.js'
import { KnownBlocks } from '../../../src/flist/pack/known-blocks.js'

/** 32 bytes of `byte`, a key or an id. */
const hash = (byte: number): Uint8Array => new Uint8Array(HASH_LENGTH).fill(byte)
const pairs = (...bytes: number[]): Uint8Array => Buffer.concat(bytes.map(hash))

describe('KnownBlocks', () => {
  test('gives the id paired with each key, and nothing for a key it was not given', () => {
    const known = new KnownBlocks(pairs(0x11, 0xa1, 0x12, 0xa2, 0x13, 0xa3))
    expect(known.size).toBe(3)
    expect(known.idFor(hash(0x11))).toEqual(hash(0xa1))
    expect(known.idFor(hash(0x12))).toEqual(hash(0xa2))
    expect(known.idFor(hash(0x13))).toEqual(hash(0xa3))
    expect(known.idFor(hash(0xa1))).toBeUndefined()
    expect(known.idFor(hash(0x14))).toBeUndefined()
  })

  test('a key is matched by its bytes, not by the array it arrives in', () => {
    const known = new KnownBlocks(pairs(0x21, 0xb1))
    const inLargerBuffer = Buffer.concat([hash(0x00), hash(0x21)]).subarray(HASH_LENGTH)
    expect(known.idFor(inLargerBuffer)).toEqual(hash(0xb1))
    const oneByteOff = hash(0x21)
    oneByteOff[HASH_LENGTH - 1] = 0x22
    expect(known.idFor(oneByteOff)).toBeUndefined()
  })

  test('none given, or a trailing pair cut short, is no pair', () => {
    expect(new KnownBlocks(new Uint8Array(0)).size).toBe(0)
    const cut = Buffer.concat([pairs(0x31, 0xc1), hash(0x32), hash(0xc2).subarray(1)])
    const known = new KnownBlocks(cut)
    expect(known.size).toBe(1)
    expect(known.idFor(hash(0x31))).toEqual(hash(0xc1))
    expect(known.idFor(hash(0x32))).toBeUndefined()
  })

  test('a key given twice keeps one id: the size counts distinct keys', () => {
    const known = new KnownBlocks(pairs(0x41, 0xd1, 0x41, 0xd1, 0x42, 0xd2))
    expect(known.size).toBe(2)
    expect(known.idFor(hash(0x41))).toEqual(hash(0xd1))
  })
})
