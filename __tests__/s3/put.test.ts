// The blob PUT path (src/s3/put.ts) against a real HTTP server on loopback that checks each
// request's SigV4 signature itself and answers as S3 servers do, and against s3rver for what it
// stores.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GetObjectCommand } from '@aws-sdk/client-s3'
import { S3Session } from '../../src/s3/client.js'
import { objectPath } from '../../src/s3/put.js'
import { startS3, type TestS3 } from '../../peers/s3.js'
import {
  ACCESS,
  amzTime,
  REGION,
  s3Error,
  SECRET,
  signingServer,
  type Answer,
  type Received
} from '../helpers/s3-signing-server.js'

const peer = signingServer()

describe('S3Session.put', () => {
  test('sends the body under a signature that holds, on the path-style object path', async () => {
    const s3 = peer.session()
    const body = Buffer.from('blob bytes')
    await s3.put('blobs', 'ab'.repeat(32), body)
    await s3.put('manifests', 'dir/a b+c~(1)!.fl', Buffer.alloc(0))
    s3.destroy()
    expect(peer.received.map(r => [r.method, r.path, r.signatureFault])).toEqual([
      ['PUT', `/blobs/${'ab'.repeat(32)}`, ''],
      ['PUT', '/manifests/dir/a%20b%2Bc~%281%29%21.fl', '']
    ])
    expect(peer.received[0].body.equals(body)).toBe(true)
    expect(peer.received[0].headers['content-type']).toBe('application/octet-stream')
    expect(peer.received[0].headers['content-length']).toBe(String(body.length))
  })

  test('a server answering SlowDown is asked again, and the put lands', async () => {
    peer.answers = [s3Error(503, 'SlowDown', 'Please reduce your request rate.')]
    const s3 = peer.session()
    await s3.put('blobs', 'cd'.repeat(32), Buffer.from('x'))
    s3.destroy()
    expect(peer.received).toHaveLength(2)
  })

  test('a refused signature fails at once, in one line naming the settings to check', async () => {
    peer.answers = [
      s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match')
    ]
    const s3 = peer.session()
    const error = (await s3.put('blobs', 'ef'.repeat(32), Buffer.from('x')).catch(e => e)) as Error
    s3.destroy()
    expect(peer.received).toHaveLength(1)
    expect(error.message).toBe(
      `S3 PUT blobs/${'ef'.repeat(32)} failed (endpoint ${peer.endpoint}): the server rejected the request signature: check the secret key in the store URL and the store URL's ?region=`
    )
    expect(error.message).not.toContain(SECRET)
  })

  test('an answer that is no S3 error document is named by its status', async () => {
    peer.answers = Array.from({ length: 3 }, () => ({
      status: 502,
      body: '<html>bad gateway</html>'
    }))
    const s3 = peer.session()
    const error = (await s3.put('blobs', '01'.repeat(32), Buffer.from('x')).catch(e => e)) as Error
    s3.destroy()
    expect(peer.received).toHaveLength(3)
    expect(error.message).toMatch(/failed after 3 attempts \(endpoint [^)]+\): HTTP 502$/)
  })

  test('an error message keeps its escaped characters', async () => {
    peer.answers = [s3Error(400, 'InvalidArgument', 'a &lt;b&gt; &amp; &#233;&#x4e2d;')]
    const s3 = peer.session()
    const error = (await s3.put('blobs', '02'.repeat(32), Buffer.from('x')).catch(e => e)) as Error
    s3.destroy()
    expect(error.message).toMatch(/: HTTP 400 InvalidArgument: a <b> & é中$/)
  })

  test("a skewed clock is set by the refusal's Date: the retry is signed in the server's time", async () => {
    const serverNow = Date.now() + 3 * 3600_000
    const refusal = (headers = {}): Answer =>
      s3Error(403, 'RequestTimeTooSkewed', 'The difference is too large.', {
        date: new Date(serverNow).toUTCString(),
        ...headers
      })
    const inServerTime = (request: Received): Answer =>
      Math.abs(amzTime(request) - serverNow) < 60_000 ? { status: 200 } : refusal()
    peer.answers = [refusal(), inServerTime]
    const s3 = peer.session()
    await s3.put('blobs', '03'.repeat(32), Buffer.from('x'))
    s3.destroy()
    expect(peer.received).toHaveLength(2)
    expect(peer.received[1].signatureFault).toBe('')

    // A copy a cache kept tells nothing of the time: the clock stays.
    peer.received = []
    peer.answers = Array.from({ length: 3 }, () => refusal({ age: '120' }))
    const cached = peer.session()
    const error = (await cached
      .put('blobs', '03'.repeat(32), Buffer.from('x'))
      .catch(e => e)) as Error
    cached.destroy()
    expect(error.message).toMatch(
      /failed after 3 attempts \(endpoint [^)]+\): the server refused the request's time \(RequestTimeTooSkewed\): this machine's clock is off from the server's; set it right \(NTP\)$/
    )
    expect(peer.received.map(request => Math.abs(amzTime(request) - Date.now()) < 60_000)).toEqual([
      true,
      true,
      true
    ])
  })

  test('an error message given as CDATA is kept', async () => {
    peer.answers = [
      {
        status: 400,
        body: '<Error><Code>InvalidRequest</Code><Message><![CDATA[odd <message> & all]]></Message></Error>'
      }
    ]
    const s3 = peer.session()
    const error = (await s3.put('blobs', '0d'.repeat(32), Buffer.from('x')).catch(e => e)) as Error
    s3.destroy()
    expect(error.message).toMatch(/: HTTP 400 InvalidRequest: odd <message> & all$/)
  })

  test('an answer cut off mid-body is asked again', async () => {
    peer.answers = [{ status: 500, cut: true }]
    const s3 = peer.session()
    await s3.put('blobs', '06'.repeat(32), Buffer.from('x'))
    s3.destroy()
    expect(peer.received).toHaveLength(2)
  })

  test('an endpoint given as an IPv6 literal is reached', async () => {
    const v6 = createServer((request, response) => {
      peer.received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.alloc(0),
        signatureFault: ''
      })
      request.resume()
      request.on('end', () => response.end())
    })
    await new Promise<void>(resolve => v6.listen(0, '::1', resolve))
    const port = (v6.address() as AddressInfo).port
    const s3 = new S3Session(
      {
        endpoint: `http://[::1]:${port}`,
        region: REGION,
        accessKey: ACCESS,
        secretKey: SECRET
      },
      { retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } }
    )
    try {
      await s3.put('blobs', '07'.repeat(32), Buffer.from('x'))
    } finally {
      s3.destroy()
      await new Promise(resolve => v6.close(resolve))
    }
    expect(peer.received.map(r => [r.path, r.headers.host])).toEqual([
      [`/blobs/${'07'.repeat(32)}`, `[::1]:${port}`]
    ])
  })
})

describe('S3Session.put into s3rver', () => {
  let s3rver: TestS3
  beforeAll(async () => {
    s3rver = await startS3({ buckets: ['blobs'] })
  })
  afterAll(async () => {
    await s3rver.stop()
  })

  test('what is put reads back the same through the SDK, odd key characters included', async () => {
    const s3 = new S3Session({
      endpoint: s3rver.endpoint,
      region: 'us-east-1',
      accessKey: s3rver.accessKey,
      secretKey: s3rver.secretKey
    })
    const body = Buffer.from('bytes of a blob')
    for (const key of ['05'.repeat(32), 'dir/a b+c=%.fl']) {
      await s3.put('blobs', key, body)
      const answer = await s3.client.send(new GetObjectCommand({ Bucket: 'blobs', Key: key }))
      expect(Buffer.from(await answer.Body!.transformToByteArray()).equals(body)).toBe(true)
    }
    s3.destroy()
  })
})

test('objectPath escapes each segment of the key once, and keeps its slashes', () => {
  expect(objectPath('b', 'a/b c/%2F/ü')).toBe('b/a/b%20c/%252F/%C3%BC')
})
