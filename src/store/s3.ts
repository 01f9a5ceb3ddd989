import { GetObjectCommand } from '@aws-sdk/client-s3'
import { httpStatus } from '../s3/errors.js'
import { S3Session, type S3SessionOptions } from '../s3/client.js'
import { forEachPage } from '../s3/list.js'
import { BlobIdSet, LISTING_PAGE, type BlobStore } from './store.js'
import { parseS3StoreUrl } from '../store-url/s3.js'
import { stripPassword } from '../store-url/url.js'

/** Blobs as objects named by their hex id at the bucket root, as rfs lays them out. */
export class S3BlobStore implements BlobStore {
  readonly display: string

  constructor(
    private readonly session: S3Session,
    private readonly bucket: string,
    display: string
  ) {
    this.display = display
  }

  async storedSize(id: string): Promise<number | undefined> {
    const head = await this.session.head(this.bucket, id)
    return head === undefined ? undefined : (head.ContentLength ?? Number.NaN)
  }

  async get(id: string): Promise<Buffer | undefined> {
    return this.session.request(`GET ${this.bucket}/${id}`, async abortSignal => {
      try {
        const response = await this.session.client.send(
          new GetObjectCommand({ Bucket: this.bucket, Key: id }),
          { abortSignal }
        )
        // Read the body inside the attempt, so a reset mid-body is retried too.
        return Buffer.from(await response.Body!.transformToByteArray())
      } catch (error) {
        if (httpStatus(error) === 404) return undefined
        throw error
      }
    })
  }

  /**
   * The keys starting with `prefix`, one request per LISTING_PAGE keys; undefined once more than
   * `limit` have come back (a large shared bucket is never listed whole), or when the server gave
   * a truncated page with no way on: blobs are then asked one by one.
   */
  async listIds(prefix: string, limit: number): Promise<BlobIdSet | undefined> {
    const keys: Array<[string, number]> = []
    const end = await forEachPage(
      this.session,
      this.bucket,
      { prefix, maxKeys: LISTING_PAGE },
      page => {
        for (const object of page.objects) keys.push([object.key, object.size])
        return keys.length <= limit
      }
    )
    return end === 'complete' ? new BlobIdSet(keys) : undefined
  }

  async put(id: string, blob: Uint8Array): Promise<void> {
    await this.session.put(this.bucket, id, blob)
  }
}

/** An rfs `s3://`, `s3s://` or `s3+tls://` store URL as a blob store. */
export function openS3Store(url: string, options: S3SessionOptions = {}): S3BlobStore {
  const { connection, bucket } = parseS3StoreUrl(url)
  return new S3BlobStore(new S3Session(connection, options), bucket, stripPassword(url))
}
