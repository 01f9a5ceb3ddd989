import { afterAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileSha256, sha256Hex } from '../../src/common/sha256.js'

// FIPS 180-2's test vector for "abc".
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
const work = mkdtempSync(join(tmpdir(), 'sha256-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('sha256', () => {
  test('of bytes in memory', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe(ABC)
  })

  test('of a file equals that of its bytes, across many stream chunks', async () => {
    const small = join(work, 'abc')
    writeFileSync(small, 'abc')
    expect(await fileSha256(small)).toBe(ABC)
    // Larger than a read stream's 64 KiB chunk, so the digest spans several updates.
    const bytes = Buffer.alloc(300_000, 0)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251
    const large = join(work, 'large')
    writeFileSync(large, bytes)
    expect(await fileSha256(large)).toBe(sha256Hex(bytes))
  })

  test('of a missing file rejects with the OS error', async () => {
    await expect(fileSha256(join(work, 'absent'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
