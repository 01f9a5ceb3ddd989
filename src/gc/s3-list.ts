import type { S3Session } from '../s3/client.js'
import { forEachPage } from '../s3/list.js'

export interface BucketObject {
  key: string
  size: number
  modified: Date
  etag: string
}

/** Every object under a prefix. */
export async function listObjects(
  session: S3Session,
  bucket: string,
  prefix: string
): Promise<BucketObject[]> {
  const objects: BucketObject[] = []
  const end = await forEachPage(session, bucket, { prefix }, page => {
    for (const object of page.objects) {
      objects.push({
        key: object.key,
        size: Number.isNaN(object.size) ? 0 : object.size,
        // An Invalid Date when the server gave none: gc keeps a blob whose age it cannot tell.
        modified: new Date(object.modified ?? Number.NaN),
        etag: object.etag ?? ''
      })
    }
    return true
  })
  if (end === 'stuck') {
    const at = objects.at(-1)?.key
    throw new Error(`listing ${bucket}/${prefix} stopped paging at ${at ?? 'the start'}`)
  }
  return objects
}
