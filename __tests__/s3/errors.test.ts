// The one line a refused S3 request becomes, for the refusals as real servers word them.
import { describe, expect, test } from '@jest/globals'
import { describeS3Failure, isRetryableS3Error } from '../../src/s3/errors.js'

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
    const line = describeS3Failure(error, 'HEAD blobs/abc', connection).message
    expect(line).toMatch(/rejected the request signature: check s3-secret-key/)
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
    const line = describeS3Failure(error, 'HEAD blobs/abc', connection).message
    expect(line).toMatch(new RegExp(`expects region '${region}': check s3-region`))
  })

  test('a region refusal without the expected region still names s3-region', () => {
    const error = refusal('AuthorizationHeaderMalformed', 'malformed', 400)
    expect(describeS3Failure(error, 'HEAD blobs/abc', connection).message).toMatch(
      /expects another region: check s3-region/
    )
  })

  test('a refusal of the clock is retried, and when it stays names the clock, not the keys', () => {
    const error = refusal('RequestTimeTooSkewed', 'The difference is too large.', 403)
    expect(isRetryableS3Error(error)).toBe(true)
    expect(describeS3Failure(error, 'PUT blobs/abc', connection, 3).message).toBe(
      "S3 PUT blobs/abc failed after 3 attempts (endpoint http://127.0.0.1:3900): the server refused the request's time (RequestTimeTooSkewed): this machine's clock is off from the server's; set it right (NTP)"
    )
  })
})
