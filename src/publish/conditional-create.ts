import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { manifestKey } from '../plan/names.js'
import { oneLine } from '../common/errors.js'
import { S3Session } from '../s3/client.js'
import { httpStatus } from '../s3/errors.js'

/**
 * Probes whether the server refuses a `PUT` with `If-None-Match: *` over an existing key, the one
 * thing that keeps two jobs publishing one name from both creating it. Some S3-compatible servers
 * (Garage, s3rver) accept the header and replace the object anyway. A small probe object under
 * PREFIX/manifests/ is written, created again conditionally, and deleted.
 */
export async function probeIfNoneMatch(
  session: S3Session,
  bucket: string,
  prefix: string
): Promise<boolean> {
  const key = manifestKey(prefix, `.if-none-match-probe-${randomBytes(8).toString('hex')}`)
  const put = (conditional: boolean): Promise<'created' | 'refused'> =>
    session.request(`PUT ${bucket}/${key}`, async abortSignal => {
      try {
        await session.client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: 'probe',
            ContentType: 'text/plain',
            IfNoneMatch: conditional ? '*' : undefined
          }),
          { abortSignal }
        )
        return 'created'
      } catch (error) {
        if (conditional && httpStatus(error) === 412) return 'refused'
        // A server that does not implement conditional writes cannot exclude anyone either.
        if (conditional && httpStatus(error) === 501) return 'created'
        throw error
      }
    })
  try {
    await put(false)
    return (await put(true)) === 'refused'
  } finally {
    await removeProbe(session, bucket, key)
  }
}

/** Removed on a session of its own, so that a run cancelled meanwhile leaves no probe behind. */
async function removeProbe(session: S3Session, bucket: string, key: string): Promise<void> {
  const cleaner = new S3Session(session.connection, {
    retry: { attempts: 6, baseDelayMs: 100, maxDelayMs: 1000 },
    requestTimeoutMs: 10_000,
    label: session.label
  })
  try {
    await cleaner.request(`DELETE ${bucket}/${key}`, abortSignal =>
      cleaner.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal })
    )
  } catch (error) {
    core.warning(
      `the probe object s3://${bucket}/${key} could not be removed (${oneLine(error)}): delete it by hand, or give the access key permission to delete objects`
    )
  } finally {
    cleaner.destroy()
  }
}
