// One S3 session's requests: HEAD against s3rver; against real HTTP servers on loopback that refuse
// a HEAD, or never answer; and how it signs, times out and closes, against a server that checks
// each signature.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { S3Session } from '../../src/s3/client.js'
import { startS3, type TestS3 } from '../../peers/s3.js'
import { ACCESS, REGION, SECRET, signingServer } from '../helpers/s3-signing-server.js'

const ONE_TRY = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }
const peer = signingServer()

let s3: TestS3
const servers: Server[] = []
beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs'] })
})
afterAll(async () => {
  await s3.stop()
  await Promise.all(servers.map(server => new Promise(resolve => server.close(resolve))))
})

/** A loopback HTTP server answering with `answer`; its endpoint. */
async function serving(answer: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(answer)
  servers.push(server)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function session(endpoint: string, options: ConstructorParameters<typeof S3Session>[1] = {}) {
  return new S3Session(
    { endpoint, region: 'us-east-1', accessKey: s3.accessKey, secretKey: s3.secretKey },
    { retry: ONE_TRY, ...options }
  )
}

test('head gives the metadata of an object, and undefined for a key that is not there', async () => {
  const client = session(s3.endpoint)
  try {
    await client.put('blobs', 'present', Buffer.from('four'))
    expect((await client.head('blobs', 'present'))?.ContentLength).toBe(4)
    expect(await client.head('blobs', 'absent')).toBeUndefined()
  } finally {
    client.destroy()
  }
})

test('a HEAD refused without a body is named by the reason a GET of the same object gets', async () => {
  const endpoint = await serving((request, response) => {
    request.resume()
    if (request.method === 'HEAD') return response.writeHead(403).end()
    response
      .writeHead(403, { 'content-type': 'application/xml' })
      .end(
        '<Error><Code>SignatureDoesNotMatch</Code><Message>The signature does not match</Message></Error>'
      )
  })
  const client = session(endpoint)
  const error = (await client.head('blobs', 'a.fl').catch(e => e)) as Error
  client.destroy()
  expect(error.message).toMatch(
    /^S3 HEAD blobs\/a\.fl failed \(endpoint [^)]+\): the server rejected the request signature/
  )
  expect(error.message).not.toContain(s3.secretKey)
})

test('a request left unanswered fails at the per-request limit, in one line', async () => {
  const endpoint = await serving(request => request.resume())
  const client = session(endpoint, { requestTimeoutMs: 1000 })
  const error = (await client.head('blobs', 'a.fl').catch(e => e)) as Error
  client.destroy()
  expect(error.message).toMatch(/^S3 HEAD blobs\/a\.fl failed .*no answer within 1 s/)
  expect(error.message).not.toContain('\n')
})

test('a cancelled run ends the request with its own reason, not as a failure of the server', async () => {
  const endpoint = await serving(request => request.resume())
  const cancel = new AbortController()
  const client = session(endpoint, { signal: cancel.signal, retry: { ...ONE_TRY, attempts: 5 } })
  const request = client.head('blobs', 'a.fl')
  setTimeout(() => cancel.abort(new Error('the run was cancelled')), 100)
  await expect(request).rejects.toThrow(/^the run was cancelled$/)
  client.destroy()
})

describe('against a server that checks each signature', () => {
  test('a request left unanswered is given up at the per-request limit and asked again', async () => {
    // The first request is never answered, so the put can only succeed by asking again. A
    // retry slower than the limit on a loaded machine is asked once more, hence no exact count.
    peer.answers = [{ status: 200, hang: true }]
    const s3 = peer.session(SECRET, 300)
    try {
      await expect(s3.put('blobs', '08'.repeat(32), Buffer.from('x'))).resolves.toBeUndefined()
    } finally {
      s3.destroy()
    }
    expect(peer.received.length).toBeGreaterThanOrEqual(2)
    for (const request of peer.received)
      expect(request).toMatchObject({ method: 'PUT', path: `/blobs/${'08'.repeat(32)}` })
  })

  test('destroy closes the connections the puts opened', async () => {
    const s3 = peer.session()
    await Promise.all(
      ['09', '0a', '0b'].map(id => s3.put('blobs', id.repeat(32), Buffer.from('x')))
    )
    expect(peer.openConnections).toBeGreaterThan(0)
    s3.destroy()
    // A closed socket is seen by the server a moment later; wait for it, up to a deadline.
    const deadline = Date.now() + 5_000
    while (peer.openConnections > 0 && Date.now() < deadline)
      await new Promise(resolve => setTimeout(resolve, 10))
    expect(peer.openConnections).toBe(0)
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
        { endpoint: peer.endpoint, region: REGION, accessKey: '', secretKey: '' },
        { credentialChain: true }
      )
      await s3.put('blobs', '0c'.repeat(32), Buffer.from('x'))
      s3.destroy()
    } finally {
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
        if (saved[name] === undefined) delete process.env[name]
        else process.env[name] = saved[name]
    }
    expect(peer.received[0].headers['x-amz-security-token']).toBe('token-of-the-session')
    expect(peer.received[0].signatureFault).toBe('')
    expect(String(peer.received[0].headers.authorization)).toMatch(
      /SignedHeaders=[^,]*x-amz-security-token/
    )
  })

  test('a connection without a secret puts anonymously', async () => {
    const s3 = peer.session('')
    await s3.put('blobs', '04'.repeat(32), Buffer.from('x'))
    s3.destroy()
    expect(peer.received[0].headers.authorization).toBeUndefined()
  })
})
