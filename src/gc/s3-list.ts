import { ListObjectsCommand } from '@aws-sdk/client-s3'
import type { S3Session } from '../s3/client.js'

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
    const page = await session.request(`LIST ${bucket}/${prefix}*`, abortSignal =>
      session.client.send(
        new ListObjectsCommand({ Bucket: bucket, Prefix: prefix || undefined, Marker: marker }),
        { abortSignal }
      )
    )
    for (const object of page.Contents ?? []) {
      if (!object.Key) continue
      objects.push({
        key: object.Key,
        size: object.Size ?? 0,
        modified: object.LastModified ?? new Date(0),
        etag: object.ETag ?? ''
      })
    }
    if (!page.IsTruncated) return objects
    const next = page.NextMarker ?? objects.at(-1)?.key
    if (!next || next === marker) {
      throw new Error(`listing ${bucket}/${prefix} stopped paging at ${marker ?? 'the start'}`)
    }
    marker = next
  }
}
