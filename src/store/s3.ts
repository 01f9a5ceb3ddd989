import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { maskSecret } from '../runner.js'
import { httpStatus } from '../s3/errors.js'
import { S3Session, type S3SessionOptions } from '../s3/client.js'
import { parseS3StoreUrl, stripPassword } from './spec.js'
import type { BlobStore } from './store.js'

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

  async exists(id: string): Promise<boolean> {
    return this.session.request(`HEAD ${this.bucket}/${id}`, async abortSignal => {
      try {
        await this.session.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: id }), {
          abortSignal
        })
        return true
      } catch (error) {
        if (httpStatus(error) === 404) return false
        throw error
      }
    })
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

  async put(id: string, blob: Uint8Array): Promise<void> {
    await this.session.request(`PUT ${this.bucket}/${id}`, abortSignal =>
      this.session.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: id,
          Body: blob,
          ContentLength: blob.byteLength,
          ContentType: 'application/octet-stream'
        }),
        { abortSignal }
      )
    )
  }
}

/** An rfs `s3://`, `s3s://` or `s3+tls://` store URL as a blob store. */
export function openS3Store(url: string, options: S3SessionOptions = {}): S3BlobStore {
  const { connection, bucket } = parseS3StoreUrl(url)
  maskSecret(connection.secretKey)
  return new S3BlobStore(new S3Session(connection, options), bucket, stripPassword(url))
}
