// The objects gc sees under a prefix of a bucket: from s3rver, and from servers on loopback that
// page, leave fields out, or keep sending the same truncated page.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { listObjects } from '../../src/gc/s3-list.js'
import { S3Session } from '../../src/s3/client.js'
import { startS3, type TestS3 } from '../../peers/s3.js'

let s3: TestS3
const sessions: S3Session[] = []
const servers: Server[] = []

function session(endpoint: string, accessKey = 'AKID', secretKey = 'secret'): S3Session {
  const made = new S3Session(
    { endpoint, region: 'us-east-1', accessKey, secretKey },
    { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }
  )
  sessions.push(made)
  return made
}

/** A listing server: `page` gives the Contents and IsTruncated for the request's marker. */
async function listingServer(
  page: (marker: string) => { contents: string[]; truncated: boolean }
): Promise<string> {
  const server = createServer((request, response) => {
    request.resume()
    const marker = new URL(request.url ?? '/', 'http://x').searchParams.get('marker') ?? ''
    const { contents, truncated } = page(marker)
    response
      .writeHead(200, { 'content-type': 'application/xml' })
      .end(
        '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>blobs</Name>' +
          `<IsTruncated>${truncated}</IsTruncated>${contents.map(item => `<Contents>${item}</Contents>`).join('')}` +
          '</ListBucketResult>'
      )
  })
  servers.push(server)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const object = (key: string): string =>
  `<Key>${key}</Key><Size>1</Size><LastModified>2026-01-02T03:04:05.000Z</LastModified><ETag>"e"</ETag>`

beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs'] })
})
afterAll(async () => {
  sessions.forEach(made => made.destroy())
  await Promise.all(servers.map(server => new Promise(resolve => server.close(resolve))))
  await s3.stop()
})

test('s3rver: the objects under the prefix only, with size, date and ETag', async () => {
  const client = session(s3.endpoint, s3.accessKey, s3.secretKey)
  for (const [key, body] of [
    ['zos/a', 'one'],
    ['zos/b', 'three'],
    ['other/c', 'elsewhere']
  ]) {
    await client.client.send(new PutObjectCommand({ Bucket: 'blobs', Key: key, Body: body }))
  }
  const listed = await listObjects(client, 'blobs', 'zos/')
  expect(listed.map(item => [item.key, item.size])).toEqual([
    ['zos/a', 3],
    ['zos/b', 5]
  ])
  expect(Math.abs(listed[0].modified.getTime() - Date.now())).toBeLessThan(600_000)
  expect(listed[0].etag).toMatch(/^"[0-9a-f]{32}"$/)
})

test('every page is read, each after the last key of the one before', async () => {
  const endpoint = await listingServer(marker =>
    marker === ''
      ? { contents: [object('p/1'), object('p/2')], truncated: true }
      : marker === 'p/2'
        ? { contents: [object('p/3')], truncated: false }
        : { contents: [], truncated: false }
  )
  const listed = await listObjects(session(endpoint), 'blobs', 'p/')
  expect(listed.map(item => item.key)).toEqual(['p/1', 'p/2', 'p/3'])
})

test('a server that leaves out size, date and ETag: 0, an Invalid Date (so gc keeps it), empty', async () => {
  const endpoint = await listingServer(() => ({ contents: ['<Key>bare</Key>'], truncated: false }))
  const [bare] = await listObjects(session(endpoint), 'blobs', '')
  expect(bare.size).toBe(0)
  expect(Number.isNaN(bare.modified.getTime())).toBe(true)
  expect(bare.etag).toBe('')
})

describe('a server that pages without end', () => {
  test('the same truncated page again is an error naming the bucket, prefix and last key', async () => {
    const endpoint = await listingServer(() => ({
      contents: [object('p/1'), object('p/2')],
      truncated: true
    }))
    await expect(listObjects(session(endpoint), 'blobs', 'p/')).rejects.toThrow(
      /^listing blobs\/p\/ stopped paging at p\/2$/
    )
  })

  test('a truncated page with no keys at all names the start', async () => {
    const endpoint = await listingServer(() => ({ contents: [], truncated: true }))
    await expect(listObjects(session(endpoint), 'blobs', 'p/')).rejects.toThrow(
      /^listing blobs\/p\/ stopped paging at the start$/
    )
  })
})
