import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { manifestKey } from '../names.js'
import { oneLine } from '../errors.js'
import type { S3Session } from './client.js'
import { httpStatus } from './errors.js'

/**
 * Whether the server refuses a `PUT` with `If-None-Match: *` over an existing key, the one thing
 * that keeps two jobs publishing one name from both creating it. Some S3-compatible servers
 * (Garage, s3rver) accept the header and replace the object anyway. Finds out with a small probe
 * object under PREFIX/manifests/, written, created again conditionally, and removed.
 */
export async function honoursIfNoneMatch(
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

async function removeProbe(session: S3Session, bucket: string, key: string): Promise<void> {
  try {
    await session.request(`DELETE ${bucket}/${key}`, abortSignal =>
      session.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal })
    )
  } catch (error) {
    core.warning(
      `the probe object s3://${bucket}/${key} could not be removed (${oneLine(error)}): delete it by hand, or give the access key permission to delete objects`
    )
  }
}
