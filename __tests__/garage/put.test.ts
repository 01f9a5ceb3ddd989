// The blob PUT path (src/s3/put.ts) against Garage, which checks every signature and region:
// what it stores, and the one line a wrong secret or region gives.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { GetObjectCommand } from '@aws-sdk/client-s3'
import { S3Session } from '../../src/s3/client.js'
import { startGarage, type TestGarage } from '../../peers/garage.js'

let garage: TestGarage

beforeAll(async () => {
  garage = await startGarage({ buckets: ['blobs'] })
}, 120_000)

afterAll(async () => {
  await garage?.stop()
})

function session(change: { secretKey?: string; region?: string } = {}): S3Session {
  return new S3Session(
    {
      endpoint: garage.endpoint,
      region: change.region ?? garage.region,
      accessKey: garage.accessKey,
      secretKey: change.secretKey ?? garage.secretKey
    },
    { retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 50 } }
  )
}

test('a signed put is stored as sent, keys that need escaping included', async () => {
  const s3 = session()
  for (const [key, body] of [
    ['ab'.repeat(32), Buffer.from('a blob')],
    ['zos/modules a+b=c~(1).fl', Buffer.from('a manifest')],
    ['empty', Buffer.alloc(0)]
  ] as const) {
    await s3.put('blobs', key, body)
    const answer = await s3.client.send(new GetObjectCommand({ Bucket: 'blobs', Key: key }))
    expect(Buffer.from(await answer.Body!.transformToByteArray()).equals(body)).toBe(true)
  }
  s3.destroy()
})

test('a wrong secret fails at once, naming the secret and region settings', async () => {
  const s3 = session({ secretKey: 'not-the-secret-of-this-key' })
  const error = (await s3.put('blobs', 'cd'.repeat(32), Buffer.from('x')).catch(e => e)) as Error
  s3.destroy()
  expect(error.message).toBe(
    `S3 PUT blobs/${'cd'.repeat(32)} failed (endpoint ${garage.endpoint}): the server rejected the request signature: check the secret key in the store URL and the store URL's ?region=`
  )
})

test('a wrong region fails at once, naming the region Garage expects', async () => {
  const s3 = session({ region: 'us-east-1' })
  const error = (await s3.put('blobs', 'ef'.repeat(32), Buffer.from('x')).catch(e => e)) as Error
  s3.destroy()
  expect(error.message).toBe(
    `S3 PUT blobs/${'ef'.repeat(32)} failed (endpoint ${garage.endpoint}): the server expects region '${garage.region}': check the store URL's ?region=`
  )
})
