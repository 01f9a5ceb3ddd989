import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { S3BlobStore } from '../../src/store/s3.js'
import { S3Session } from '../../src/s3/client.js'
import { listKeys, startS3, type TestS3 } from '../../peers/s3.js'
import { startFaultyProxy, type FaultyProxy } from '../helpers/faulty-proxy.js'

let s3: TestS3
let proxy: FaultyProxy

beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs'] })
  proxy = await startFaultyProxy(s3.endpoint, { failureRate: 0.2, seed: 7, stallMs: 5_000 })
})
afterAll(async () => {
  await proxy.stop()
  await s3.stop()
})

function storeThroughProxy(attempts: number): { store: S3BlobStore; session: S3Session } {
  const session = new S3Session(
    {
      endpoint: proxy.endpoint,
      region: 'us-east-1',
      accessKey: s3.accessKey,
      secretKey: s3.secretKey
    },
    { retry: { attempts, baseDelayMs: 20, maxDelayMs: 200 }, requestTimeoutMs: 500 }
  )
  return { store: new S3BlobStore(session, 'blobs', 'test'), session }
}

describe('S3 requests through a failing endpoint', () => {
  test('at a 20% failure rate every put and read lands through retries', async () => {
    proxy.setFailureRate(0.2)
    const { store, session } = storeThroughProxy(8)
    const blobs = Array.from({ length: 40 }, (_, i) => ({
      id: `${i.toString(16).padStart(2, '0')}${randomBytes(31).toString('hex')}`,
      data: randomBytes(1024 + i)
    }))
    await Promise.all(blobs.map(blob => store.put(blob.id, blob.data)))
    for (const blob of blobs) {
      expect(await store.storedSize(blob.id)).toBe(blob.data.length)
      expect((await store.get(blob.id))?.equals(blob.data)).toBe(true)
    }
    session.destroy()
    expect(proxy.stats.failed).toBeGreaterThan(0)
    expect(Object.values(proxy.stats.byFault).filter(count => count > 0).length).toBeGreaterThan(2)
    expect((await listKeys(s3, 'blobs')).length).toBe(40)
  })

  test('at 100% the request fails with one line after its bounded attempts', async () => {
    proxy.setFailureRate(1)
    const { store, session } = storeThroughProxy(3)
    const before = proxy.stats.requests
    const error = (await store.put('ff'.repeat(32), Buffer.from('x')).catch(e => e)) as Error
    session.destroy()
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toMatch(
      /^S3 PUT blobs\/f+ failed after 3 attempts \(endpoint http:\/\/127\.0\.0\.1:\d+\): \S/
    )
    expect(error.message).not.toContain('\n')
    expect(error.message).not.toContain(s3.secretKey)
    expect(proxy.stats.requests - before).toBe(3)
  })
})
