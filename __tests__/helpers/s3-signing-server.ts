// A real HTTP server on loopback that plays an S3 server for the request path of S3Session: it
// checks each request's SigV4 signature itself (written here from the AWS specification, not the
// SDK's code), records what it got, and gives the answers a test queues, as S3 servers word them.
import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { createHash, createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { S3Session } from '../../src/s3/client.js'

export const ACCESS = 'AKPUTTEST'
export const SECRET = 'put/secret+with=odd%chars'
export const REGION = 'eu-test-1'

export interface Received {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: Buffer
  /** Why the signature does not hold, or '' when it does. */
  signatureFault: string
}

export type Answer = {
  status: number
  headers?: Record<string, string>
  body?: string
  /** Close the connection after the first bytes of the body. */
  cut?: boolean
  /** Never answer. */
  hang?: boolean
}

export interface SigningServer {
  endpoint: string
  /** What it got since the test began, in order. */
  received: Received[]
  /** Answers the next requests in turn; 200 when none is left. */
  answers: Array<Answer | ((request: Received) => Answer)>
  /** Connections to the server still open. */
  readonly openConnections: number
  /** A session signing with ACCESS and `secretKey` (none: anonymous), three quick tries. */
  session(secretKey?: string, requestTimeoutMs?: number): S3Session
}

/** Registers the server's start, stop and per-test reset; the fields are valid inside each test. */
export function signingServer(): SigningServer {
  let server: Server
  let open = 0
  const peer: SigningServer = {
    endpoint: '',
    received: [],
    answers: [],
    get openConnections() {
      return open
    },
    session(secretKey = SECRET, requestTimeoutMs = 2_000) {
      return new S3Session(
        {
          endpoint: peer.endpoint,
          region: REGION,
          accessKey: secretKey === '' ? '' : ACCESS,
          secretKey
        },
        { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, requestTimeoutMs }
      )
    }
  }
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
        peer.received.push(entry)
        const next = peer.answers.shift() ?? { status: 200 }
        const answer = typeof next === 'function' ? next(entry) : next
        if (answer.hang) return
        if (!answer.cut)
          return response.writeHead(answer.status, answer.headers).end(answer.body ?? '')
        response.writeHead(answer.status, { 'content-length': '100' }).write('<Error><Co')
        setTimeout(() => response.socket?.destroy(), 20)
      })
    })
    server.on('connection', socket => {
      open++
      socket.on('close', () => open--)
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    peer.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise(resolve => server.close(resolve))
  })
  beforeEach(() => {
    peer.received = []
    peer.answers = []
  })
  return peer
}

/** x-amz-date (20261201T120000Z) as a time. */
export function amzTime(request: Received): number {
  const sent = String(request.headers['x-amz-date'])
  return Date.parse(
    `${sent.slice(0, 4)}-${sent.slice(4, 6)}-${sent.slice(6, 11)}:${sent.slice(11, 13)}:${sent.slice(13)}`
  )
}

export const s3Error = (status: number, code: string, message: string, headers = {}): Answer => ({
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
