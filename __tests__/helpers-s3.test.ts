import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { startS3, listKeys, getObject, type TestS3 } from '../peers/s3.js'

let s3: TestS3
beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs'] })
})
afterAll(async () => s3.stop())

test('the test S3 server starts empty and serves unsigned reads', async () => {
  expect(await listKeys(s3, 'blobs')).toEqual([])
  expect(await getObject(s3, 'blobs', 'missing')).toBeUndefined()
})
