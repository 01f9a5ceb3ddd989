import type { S3Session } from '../s3/client.js'
import { listPage } from '../s3/list.js'

export interface ListedObject {
  key: string
  size: number
  modified: Date
  etag: string
}

/** Every object under a prefix, paged with ListObjects (version 1) and the last key as marker. */
export async function listObjects(
  session: S3Session,
  bucket: string,
  prefix: string
): Promise<ListedObject[]> {
  const objects: ListedObject[] = []
  for (let marker: string | undefined; ;) {
    const page = await listPage(session, bucket, { prefix, marker })
    for (const object of page.objects) {
      objects.push({
        key: object.key,
        size: Number.isNaN(object.size) ? 0 : object.size,
        // An Invalid Date when the server gave none: gc keeps a blob whose age it cannot tell.
        modified: new Date(object.modified ?? Number.NaN),
        etag: object.etag ?? ''
      })
    }
    if (!page.truncated) return objects
    const next = page.nextMarker ?? objects.at(-1)?.key
    if (!next || next === marker) {
      throw new Error(`listing ${bucket}/${prefix} stopped paging at ${marker ?? 'the start'}`)
    }
    marker = next
  }
}
