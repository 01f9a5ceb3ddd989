// The blob PUT path (src/s3/put.ts) against a real HTTP server on loopback that checks each
// request's SigV4 signature itself (written here from the AWS specification, not the SDK's code)
// and answers as S3 servers do, and against s3rver for what it stores.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { createHash, createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GetObjectCommand } from '@aws-sdk/client-s3'
import { S3Session } from '../../src/s3/client.js'
import { objectPath } from '../../src/s3/put.js'
import { startS3, type TestS3 } from '../../peers/s3.js'

const ACCESS = 'AKPUTTEST'
const SECRET = 'put/secret+with=odd%chars'
const REGION = 'eu-test-1'

interface Received {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: Buffer
  /** Why the signature does not hold, or '' when it does. */
  signatureFault: string
}

type Answer = {
  status: number
  headers?: Record<string, string>
  body?: string
  /** Close the connection after the first bytes of the body. */
  cut?: boolean
  /** Never answer. */
  hang?: boolean
}

let server: Server
let endpoint: string
/** Connections to the server still open. */
let openConnections = 0
let received: Received[]
/** Answers the next requests in turn; 200 when none is left. */
let answers: Array<Answer | ((request: Received) => Answer)>

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks)
      const entry: Received = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body,
        signatureFault: signatureFault(request, body)
      }
      received.push(entry)
      const next = answers.shift() ?? { status: 200 }
      const answer = typeof next === 'function' ? next(entry) : next
      if (answer.hang) return
      if (!answer.cut)
        return response.writeHead(answer.status, answer.headers).end(answer.body ?? '')
      response.writeHead(answer.status, { 'content-length': '100' }).write('<Error><Co')
      setTimeout(() => response.socket?.destroy(), 20)
    })
  })
  server.on('connection', socket => {
    openConnections++
    socket.on('close', () => openConnections--)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise(resolve => server.close(resolve))
})
beforeEach(() => {
  received = []
  answers = []
})

function session(secretKey = SECRET, requestTimeoutMs = 2_000): S3Session {
  return new S3Session(
    { endpoint, region: REGION, accessKey: secretKey === '' ? '' : ACCESS, secretKey },
    { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, requestTimeoutMs }
  )
}

/** x-amz-date (20261201T120000Z) as a time. */
function amzTime(request: Received): number {
  const sent = String(request.headers['x-amz-date'])
  return Date.parse(
    `${sent.slice(0, 4)}-${sent.slice(4, 6)}-${sent.slice(6, 11)}:${sent.slice(11, 13)}:${sent.slice(13)}`
  )
}

const s3Error = (status: number, code: string, message: string, headers = {}): Answer => ({
  status,
  headers: { 'content-type': 'application/xml', ...headers },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>1</RequestId></Error>`
})

/**
 * AWS Signature Version 4 as the specification states it, for a request whose signed headers
 * are all sent: the canonical request, the string to sign, the derived key.
 */
function signatureFault(request: IncomingMessage, body: Buffer): string {
  const authorization = request.headers.authorization
  if (authorization === undefined) return 'no Authorization header'
  const parts =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      authorization
    )
  if (!parts) return `malformed Authorization: ${authorization}`
  const [, access, day, region, signedHeaders, signature] = parts
  if (access !== ACCESS || region !== REGION) return `wrong credential scope ${access}/${region}`
  const payloadHash = createHash('sha256').update(body).digest('hex')
  if (request.headers['x-amz-content-sha256'] !== payloadHash) return 'payload hash differs'
  const amzDate = String(request.headers['x-amz-date'])
  if (!amzDate.startsWith(day)) return 'x-amz-date is not of the scope day'
  const names = signedHeaders.split(';')
  for (const required of ['host', 'x-amz-content-sha256', 'x-amz-date'])
    if (!names.includes(required)) return `${required} is not signed`
  const [path, query = ''] = (request.url ?? '').split('?')
  const canonical = [
    request.method,
    path,
    query,
    ...names.map(name => `${name}:${String(request.headers[name]).trim()}`),
    '',
    signedHeaders,
    payloadHash
  ].join('\n')
  const scope = `${day}/${region}/s3/aws4_request`
  const toSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonical).digest('hex')
  ].join('\n')
  let key: Buffer = Buffer.from(`AWS4${SECRET}`)
  for (const part of [day, region, 's3', 'aws4_request'])
    key = createHmac('sha256', key).update(part).digest()
  const expected = createHmac('sha256', key).update(toSign).digest('hex')
  return expected === signature ? '' : 'signature does not match'
}

describe('S3Session.put', () => {
  test('sends the body under a signature that holds, on the path-style object path', async () => {
    const s3 = session()
    const body = Buffer.from('blob bytes')
    await s3.put('blobs', 'ab'.repeat(32), body)
    await s3.put('manifests', 'dir/a b+c~(1)!.fl', Buffer.alloc(0))
    s3.destroy()
    expect(received.map(r => [r.method, r.path, r.signatureFault])).toEqual([
      ['PUT', `/blobs/${'ab'.repeat(32)}`, ''],
      ['PUT', '/manifests/dir/a%20b%2Bc~%281%29%21.fl', '']
    ])
    expect(received[0].body.equals(body)).toBe(true)
    expect(received[0].headers['content-type']).toBe('application/octet-stream')
    expect(received[0].headers['content-length']).toBe(String(body.length))
  })

  test('a server answering SlowDown is asked again, and the put lands', async () => {
    answers = [s3Error(503, 'SlowDown', 'Please reduce your request rate.')]
    const s3 = session()
    await s3.put('blobs', 'cd'.repeat(32), Buffer.from('x'))
    s3.destroy()
    expect(received).toHaveLength(2)
  })

  test('a refused signature fails at once, in one line naming the settings to check', async () => {
    answers = [
      s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match')
    ]
    const s3 = session()
    const error = (await s3.put('blobs', 'ef'.repeat(32), Buffer.from('x')).catch(e => e)) as Error
    s3.destroy()
    expect(received).toHaveLength(1)
    expect(error.message).toBe(
      `S3 PUT blobs/${'ef'.repeat(32)} failed (endpoint ${endpoint}): the server rejected the request signature: check the secret key in the store URL and the store URL's ?region=`
    )
    expect(error.message).not.toContain(SECRET)
  })

  test('an answer that is no S3 error document is named by its status', async () => {
    answers = Array.from({ length: 3 }, () => ({ status: 502, body: '<html>bad gateway</html>' }))
    const s3 = session()
    const error = (await s3.put('blobs', '01'.repeat(32), Buffer.from('x')).catch(e => e)) as Error
    s3.destroy()
    expect(received).toHaveLength(3)
    expect(error.message).toMatch(/failed after 3 attempts \(endpoint [^)]+\): HTTP 502$/)
  })

  test('an error message keeps its escaped characters', async () => {
    answers = [s3Error(400, 'InvalidArgument', 'a &lt;b&gt; &amp; &#233;&#x4e2d;')]
    const s3 = session()
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
    answers = [refusal(), inServerTime]
    const s3 = session()
    await s3.put('blobs', '03'.repeat(32), Buffer.from('x'))
    s3.destroy()
    expect(received).toHaveLength(2)
    expect(received[1].signatureFault).toBe('')

    // A copy a cache kept tells nothing of the time: the clock stays.
    received = []
    answers = Array.from({ length: 3 }, () => refusal({ age: '120' }))
    const cached = session()
    const error = (await cached
      .put('blobs', '03'.repeat(32), Buffer.from('x'))
      .catch(e => e)) as Error
    cached.destroy()
    expect(error.message).toMatch(
      /failed after 3 attempts \(endpoint [^)]+\): the server refused the request's time \(RequestTimeTooSkewed\): this machine's clock is off from the server's; set it right \(NTP\)$/
    )
    expect(received.map(request => Math.abs(amzTime(request) - Date.now()) < 60_000)).toEqual([
      true,
      true,
      true
    ])
  })

  test('a request left unanswered is given up at the per-request limit and asked again', async () => {
    answers = [{ status: 200, hang: true }]
    const s3 = session(SECRET, 300)
    await s3.put('blobs', '08'.repeat(32), Buffer.from('x'))
    s3.destroy()
    expect(received).toHaveLength(2)
  })

  test('destroy closes the connections the puts opened', async () => {
    const s3 = session()
    await Promise.all(
      ['09', '0a', '0b'].map(id => s3.put('blobs', id.repeat(32), Buffer.from('x')))
    )
    expect(openConnections).toBeGreaterThan(0)
    s3.destroy()
    await new Promise(resolve => setTimeout(resolve, 200))
    expect(openConnections).toBe(0)
  })

  test('keys from the credential chain sign with their session token', async () => {
    const saved = { ...process.env }
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: ACCESS,
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_SESSION_TOKEN: 'token-of-the-session'
    })
    try {
      const s3 = new S3Session(
        { endpoint, region: REGION, accessKey: '', secretKey: '' },
        { credentialChain: true }
      )
      await s3.put('blobs', '0c'.repeat(32), Buffer.from('x'))
      s3.destroy()
    } finally {
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
        if (saved[name] === undefined) delete process.env[name]
        else process.env[name] = saved[name]
    }
    expect(received[0].headers['x-amz-security-token']).toBe('token-of-the-session')
    expect(received[0].signatureFault).toBe('')
    expect(String(received[0].headers.authorization)).toMatch(
      /SignedHeaders=[^,]*x-amz-security-token/
    )
  })

  test('an error message given as CDATA is kept', async () => {
    answers = [
      {
        status: 400,
        body: '<Error><Code>InvalidRequest</Code><Message><![CDATA[odd <message> & all]]></Message></Error>'
      }
    ]
    const s3 = session()
    const error = (await s3.put('blobs', '0d'.repeat(32), Buffer.from('x')).catch(e => e)) as Error
    s3.destroy()
    expect(error.message).toMatch(/: HTTP 400 InvalidRequest: odd <message> & all$/)
  })

  test('an answer cut off mid-body is asked again', async () => {
    answers = [{ status: 500, cut: true }]
    const s3 = session()
    await s3.put('blobs', '06'.repeat(32), Buffer.from('x'))
    s3.destroy()
    expect(received).toHaveLength(2)
  })

  test('an endpoint given as an IPv6 literal is reached', async () => {
    const v6 = createServer((request, response) => {
      received.push({
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
    await s3.put('blobs', '07'.repeat(32), Buffer.from('x'))
    s3.destroy()
    await new Promise(resolve => v6.close(resolve))
    expect(received.map(r => [r.path, r.headers.host])).toEqual([
      [`/blobs/${'07'.repeat(32)}`, `[::1]:${port}`]
    ])
  })

  test('a connection without a secret puts anonymously', async () => {
    const s3 = session('')
    await s3.put('blobs', '04'.repeat(32), Buffer.from('x'))
    s3.destroy()
    expect(received[0].headers.authorization).toBeUndefined()
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
