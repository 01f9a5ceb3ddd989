// Whether an endpoint speaks S3, asked of real servers on loopback: s3rver, and HTTP servers that
// answer every request with 200 (a web page, nothing, JSON) or with an S3 refusal.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { UserError } from '../../src/common/errors.js'
import { S3Session } from '../../src/s3/client.js'
import { checkSpeaksS3 } from '../../src/s3/probe.js'
import { startAnsweringServer, type AnsweringServer } from '../helpers/answering-server.js'
import { startS3, type TestS3 } from '../../peers/s3.js'

let s3: TestS3
const servers: AnsweringServer[] = []
beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs'] })
})
afterAll(async () => {
  await s3.stop()
  await Promise.all(servers.map(server => server.close()))
})

/** A server that gives every request the same answer; its endpoint. */
async function answering(status: number, type: string, body: string): Promise<string> {
  const server = await startAnsweringServer(status, type, body)
  servers.push(server)
  return server.endpoint
}

function session(endpoint: string, accessKey = 'AKID', secretKey = 'secret'): S3Session {
  return new S3Session(
    { endpoint, region: 'us-east-1', accessKey, secretKey },
    { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }
  )
}

async function probe(endpoint: string): Promise<string | undefined> {
  const client = session(endpoint)
  try {
    await checkSpeaksS3(client, 'blobs', `s3-endpoint ${endpoint}`, 's3-endpoint')
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return (error as Error).message
  } finally {
    client.destroy()
  }
}

describe('an endpoint that is not S3', () => {
  test.each([
    ['a web page', 'text/html', '<!doctype html><html><body><h1>Welcome</h1></body></html>'],
    ['an empty body', 'text/plain', ''],
    ['other XML', 'application/xml', '<?xml version="1.0"?><status>ok</status>'],
    ['JSON', 'application/json', '{"ok":true}']
  ])('200 with %s is one line naming the input', async (_, type, body) => {
    const endpoint = await answering(200, type, body)
    const message = await probe(endpoint)
    expect(message).toMatch(
      new RegExp(
        `^s3-endpoint ${endpoint} does not speak S3: listing bucket 'blobs' answered HTTP 200 .*, not an S3 bucket listing; point s3-endpoint at the server's S3 API`
      )
    )
    expect(message).not.toContain('\n')
  })
})

describe('an S3 server', () => {
  test('s3rver lists the bucket', async () => {
    const client = session(s3.endpoint, s3.accessKey, s3.secretKey)
    try {
      await expect(checkSpeaksS3(client, 'blobs', 'x', 'y')).resolves.toBeUndefined()
    } finally {
      client.destroy()
    }
  })

  test('a refused listing is still S3: a key may write blobs without listing them', async () => {
    const refusal =
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'
    expect(await probe(await answering(403, 'application/xml', refusal))).toBeUndefined()
  })

  test('a bucket that does not exist is the usual one line', async () => {
    const client = session(s3.endpoint, s3.accessKey, s3.secretKey)
    try {
      await expect(checkSpeaksS3(client, 'no-such-bucket', 'x', 'y')).rejects.toThrow(
        /bucket 'no-such-bucket' does not exist/
      )
    } finally {
      client.destroy()
    }
  })
})
