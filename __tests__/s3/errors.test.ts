// The one line a refused S3 request becomes, for the refusals as real servers word them.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { S_IFDIR, S_IFREG } from '../../src/flist/format/modes.js'
import { unpackFlist } from '../../src/flist/read/unpack.js'
import { FlistWriter } from '../../src/flist/format/writer.js'
import { describeS3Failure, isRetryableS3Error } from '../../src/s3/errors.js'
import { inputLabeller } from '../../src/common/input-label.js'
import { RUNNER_LABEL } from '../../src/common/input-label.js'

const connection = {
  endpoint: 'http://127.0.0.1:3900',
  region: 'us-east-1',
  accessKey: 'GK1f1a57c0ffee5e11ab1e0042',
  secretKey: 's3cr3t/with+odd=chars'
}

/** An error shaped as the S3 SDK throws it for a refusal with a body. */
function refusal(name: string, message: string, status: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } })
}

describe('describeS3Failure', () => {
  test.each([
    [
      'AWS and MinIO',
      refusal('SignatureDoesNotMatch', 'The request signature we calculated does not match', 403)
    ],
    ['Garage', refusal('AccessDenied', 'Forbidden: Invalid signature', 403)]
  ])('a bad signature (%s) names s3-secret-key', (_, error) => {
    const line = describeS3Failure(error, 'HEAD blobs/abc', connection, {
      label: RUNNER_LABEL
    }).message
    expect(line).toMatch(/rejected the request signature: check input s3-secret-key/)
  })

  test('a run given store URLs, not inputs (the engine CLI), is told the parts of the URL', () => {
    const error = refusal('SignatureDoesNotMatch', 'The request signature we calculated', 403)
    expect(describeS3Failure(error, 'GET blobs/abc', connection).message).toMatch(
      /rejected the request signature: check the secret key in the store URL and the store URL's \?region=$/
    )
  })

  test('no keys and none from the credential chain: the keys to give, as the run takes them', () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError'
    })
    const keyless = { ...connection, accessKey: '', secretKey: '' }
    const line = describeS3Failure(error, 'HEAD blobs/abc', keyless, {
      credentialChain: true,
      label: inputLabeller('flag')
    }).message
    expect(line).toMatch(
      /no S3 credentials: no access key is set \(--s3-access-key and --s3-secret-key \(S3_ACCESS_KEY \/ S3_SECRET_KEY in rfs.conf\)\) and the AWS credential chain found none/
    )
  })

  test('a shell run is told the flags to check', () => {
    const error = refusal('InvalidAccessKeyId', 'The access key does not exist', 403)
    const label = inputLabeller('flag')
    expect(describeS3Failure(error, 'HEAD blobs/abc', connection, { label }).message).toMatch(
      /does not know this access key: check --s3-access-key \(S3_ACCESS_KEY in rfs.conf\)$/
    )
  })

  test('a plain AccessDenied is about permissions, not the secret', () => {
    const line = describeS3Failure(
      refusal('AccessDenied', 'Forbidden', 403),
      'PUT blobs/abc',
      connection
    )
    expect(line.message).toMatch(/access denied on bucket 'blobs'/)
  })

  test.each([
    [
      'Garage',
      "Authorization header malformed, unexpected scope: '20261201/us-east-1/s3/aws4_request', expected: '20261201/garage/s3/aws4_request'",
      'garage'
    ],
    [
      'AWS',
      "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
      'eu-west-1'
    ]
  ])('a wrong region (%s) names s3-region and the one the server expects', (_, message, region) => {
    const error = refusal('AuthorizationHeaderMalformed', message, 400)
    const line = describeS3Failure(error, 'HEAD blobs/abc', connection, {
      label: RUNNER_LABEL
    }).message
    expect(line).toMatch(new RegExp(`expects region '${region}': check input s3-region`))
  })

  test('a region refusal without the expected region still names s3-region', () => {
    const error = refusal('AuthorizationHeaderMalformed', 'malformed', 400)
    expect(
      describeS3Failure(error, 'HEAD blobs/abc', connection, { label: RUNNER_LABEL }).message
    ).toMatch(/expects another region: check input s3-region/)
  })

  test('a refusal of the clock is retried, and when it stays names the clock, not the keys', () => {
    const error = refusal('RequestTimeTooSkewed', 'The difference is too large.', 403)
    expect(isRetryableS3Error(error)).toBe(true)
    expect(describeS3Failure(error, 'PUT blobs/abc', connection, { attempts: 3 }).message).toBe(
      "S3 PUT blobs/abc failed after 3 attempts (endpoint http://127.0.0.1:3900): the server refused the request's time (RequestTimeTooSkewed): this machine's clock is off from the server's; set it right (NTP)"
    )
  })
})

describe('an anonymous read refused', () => {
  // A published route holds no secret: readers go to the bucket anonymously, as rfs does. A real
  // HTTP server on loopback plays a bucket that refuses anonymous requests in S3's words.
  let server: Server
  let port: number
  let work: string
  /** The Authorization header of every request, or '' when there was none. */
  const authorizations: string[] = []

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 's3-anonymous-'))
    server = createServer((request, response) => {
      authorizations.push(request.headers.authorization ?? '')
      response
        .writeHead(403, { 'content-type': 'application/xml' })
        .end(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'
        )
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    await new Promise(resolve => server.close(resolve))
    rmSync(work, { recursive: true, force: true })
  })

  test('a route without a secret is read anonymously, and a refusal says the bucket is not public', async () => {
    const flist = join(work, 'published.fl')
    const writer = await FlistWriter.create()
    const times = { uid: 0, gid: 0, rdev: 0, ctime: 1e9, mtime: 1e9 }
    writer.inode({ ino: 1, parent: 0, name: '/', size: 0, mode: S_IFDIR | 0o755, ...times })
    writer.inode({ ino: 2, parent: 1, name: 'a.ko', size: 3, mode: S_IFREG | 0o644, ...times })
    writer.block(2, new Uint8Array(32).fill(0xab), new Uint8Array(32).fill(2))
    writer.route(0, 255, `s3://READER@127.0.0.1:${port}/blobs?region=us-east-1`)
    writer.save(flist)
    writer.close()

    const failure = unpackFlist(flist, join(work, 'out'), {
      s3Requests: { attempts: 1, timeoutMs: 5000 }
    })
    const message = await failure.then(
      () => 'unpacked',
      (error: Error) => error.message
    )
    const store = `s3://ACCESS:SECRET@127.0.0.1:${port}/blobs?region=us-east-1`
    expect(message).toContain(
      `the route holds no secret, so it was read anonymously, and bucket 'blobs' does not allow anonymous reads: ` +
        `read through the store with its secret (${store}; for a copy of the flist: rfs config -m COPY.fl store delete -a, ` +
        `then store add -s '${store}'), or let the bucket allow anonymous reads (a bucket policy)`
    )
    expect(message).not.toContain('give the access key')
    expect(message).not.toContain('\n')
    expect(authorizations.length).toBeGreaterThan(0)
    expect(authorizations.filter(header => header !== '')).toEqual([])
  })
})
