import { createRequire } from 'node:module'
import { describe, expect, test } from '@jest/globals'
import { BLOCK_SIZE } from '../../../src/flist/format/codec.js'
import { snappyDecompress, withSnappyCompressed } from '../../../src/flist/format/snappy.js'
import { pseudoRandomBytes } from '../../helpers/tree.js'

const require = createRequire(import.meta.url)
const snappyWasm = require('snappy-wasm') as {
  compress_raw(input: Uint8Array): Uint8Array
  __wasm: { memory: { buffer: ArrayBuffer } }
}
// snappyjs is a separate, pure-JavaScript snappy implementation: an independent decoder.
const snappyjs = require('snappyjs') as { uncompress(input: Uint8Array): Uint8Array }

const copyOf = (plain: Uint8Array): Buffer =>
  withSnappyCompressed(plain, compressed => Buffer.from(compressed))

describe('snappy, read in place', () => {
  test('gives the bytes the module’s own compress_raw gives, which another snappy decodes', () => {
    const compressible = Buffer.alloc(BLOCK_SIZE, 'modules.dep ')
    for (const plain of [
      Buffer.from([7]),
      pseudoRandomBytes(1000, 1),
      pseudoRandomBytes(BLOCK_SIZE, 2),
      compressible
    ]) {
      const compressed = copyOf(plain)
      expect(compressed.equals(Buffer.from(snappyWasm.compress_raw(plain)))).toBe(true)
      expect(Buffer.from(snappyjs.uncompress(compressed)).equals(plain)).toBe(true)
      expect(Buffer.from(snappyDecompress(compressed)).equals(plain)).toBe(true)
    }
    expect(copyOf(compressible).length).toBeLessThan(BLOCK_SIZE / 10)
  })

  test('frees what it lends, also when the borrower throws: the module’s memory stays put', () => {
    const plain = pseudoRandomBytes(BLOCK_SIZE, 3)
    copyOf(plain)
    const before = snappyWasm.__wasm.memory.buffer.byteLength
    for (let round = 0; round < 200; round++) {
      expect(() =>
        withSnappyCompressed(plain, () => {
          throw new Error('refused')
        })
      ).toThrow('refused')
      copyOf(plain)
    }
    // 200 rounds of two 512 KiB chunks not freed would grow it by 200 MB and more.
    expect(snappyWasm.__wasm.memory.buffer.byteLength - before).toBeLessThan(4 << 20)
  })

  test('a loan whose bytes moved meanwhile fails rather than reading as empty', () => {
    // Compressing more than the module's memory holds, during a loan, grows the memory: the
    // lent view is then detached.
    const larger = pseudoRandomBytes(snappyWasm.__wasm.memory.buffer.byteLength, 4)
    expect(() =>
      withSnappyCompressed(Buffer.from('small'), () => withSnappyCompressed(larger, () => 0))
    ).toThrow('snappy output was read after it moved')
  })
})
