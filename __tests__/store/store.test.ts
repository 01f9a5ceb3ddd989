// The store contract's shared parts: blob id sets built from listings, and a failed put in one line.
import { describe, expect, test } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import { BlobIdSet, storeFailure, type BlobStore } from '../../src/store/store.js'

const A = 'a1'.repeat(32)
const B = 'b2'.repeat(32)

describe('blob id sets', () => {
  test('hold hex ids and answer for them only', () => {
    const set = new BlobIdSet([B, 'manifests', A, A, `${A}.1234.tmp`])
    expect(set.size).toBe(2)
    expect(set.has(A)).toBe(true)
    expect(set.has(B)).toBe(true)
    expect(set.has('a3'.repeat(32))).toBe(false)
    expect(set.has('manifests')).toBe(false)
    expect(new BlobIdSet([]).has(A)).toBe(false)
  })

  test('keep the sizes a listing gave', async () => {
    const set = new BlobIdSet([[B, 7], [A, 0], B])
    expect(set.size).toBe(2)
    expect(set.sizeOf(A)).toBe(0)
    expect(await set.storedSize(B)).toBe(7)
    expect(set.sizeOf('c3'.repeat(32))).toBeUndefined()
    expect(new BlobIdSet([A]).sizeOf(A)).toBeUndefined()
  })
})

test('a set of many ids finds each of them, and none between them', () => {
  const ids = Array.from({ length: 300 }, (_, index) => (index * 2).toString(16).padStart(64, '0'))
  const set = new BlobIdSet([...ids].reverse())
  expect(ids.every(id => set.has(id))).toBe(true)
  expect(set.has((7).toString(16).padStart(64, '0'))).toBe(false)
  expect(set.has(A.toUpperCase())).toBe(false)
})

describe('a failed put', () => {
  const store = { display: 'dir:///srv/blobs' } as BlobStore

  test('is one line naming the block and the store', () => {
    const failure = storeFailure(new Error('ENOSPC: no space left\non device'), A, store)
    expect(failure).toBeInstanceOf(UserError)
    expect((failure as Error).message).toBe(
      `storing block ${A} in dir:///srv/blobs failed: ENOSPC: no space left on device`
    )
  })

  test('that is already a user error (an S3 failure naming what to check) is kept as it is', () => {
    const told = new UserError('S3 PUT blobs/x failed (endpoint http://h): check the secret key')
    expect(storeFailure(told, A, store)).toBe(told)
  })
})
