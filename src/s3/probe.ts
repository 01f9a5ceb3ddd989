// Whether a server speaks S3 at all. A web server, a console or a proxy page that answers 200 to
// every request makes every blob look present and every upload succeed; the run would then fail
// far from the cause (a manifest "conflict", blobs "damaged"). One listing tells them apart: S3
// answers it with a ListBucketResult, or refuses it with an S3 error. Version 1 of the listing,
// as the stores list: some servers fail version 2 on a bucket that holds objects.
import { ListObjectsCommand } from '@aws-sdk/client-s3'
import { UserError } from '../common/errors.js'
import type { S3Session } from './client.js'
import { httpStatus } from './errors.js'

/** Refusals of the listing that still come from S3: a key may write blobs without listing them. */
const LIST_REFUSED = new Set(['AccessDenied', 'Forbidden'])

/**
 * Lists one key of `bucket`; resolves when the answer is S3's. `where` names the setting and its
 * value for the message (`s3-endpoint http://host:9000`), `input` the setting to fix.
 */
export async function checkSpeaksS3(
  session: S3Session,
  bucket: string,
  where: string,
  input: string
): Promise<void> {
  const notS3 = (answer: string): UserError =>
    new UserError(
      `${where} does not speak S3: listing bucket '${bucket}' ${answer}, not an S3 bucket listing; ` +
        `point ${input} at the server's S3 API (not a web page, console or website endpoint)`
    )
  const answer = await session.request(`LIST ${bucket}/*`, async abortSignal => {
    try {
      const output = await session.client.send(
        new ListObjectsCommand({ Bucket: bucket, MaxKeys: 1 }),
        { abortSignal }
      )
      return { output }
    } catch (error) {
      const status = httpStatus(error)
      // A success status with a body the SDK could not read as XML at all.
      if (status !== undefined && status >= 200 && status < 300) return { unreadable: status }
      const name = (error as { name?: string }).name ?? ''
      if (LIST_REFUSED.has(name) || status === 403) return { refused: true }
      throw error
    }
  })
  if ('refused' in answer) return
  if ('unreadable' in answer) {
    throw notS3(`answered HTTP ${answer.unreadable} with a body that is not XML`)
  }
  const { output } = answer
  // The SDK reads any XML, or none, as an empty result; S3 always names the bucket it listed.
  if (output.Name === undefined || output.IsTruncated === undefined) {
    throw notS3(
      `answered HTTP ${output.$metadata.httpStatusCode ?? '2xx'} with no ListBucketResult`
    )
  }
}
