import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { UserError } from './errors.js'
import { httpStatus } from './s3/errors.js'
import type { S3Session } from './s3/client.js'

export const MANIFEST_CONTENT_TYPE = 'application/vnd.sqlite3'

export interface ManifestUpload {
  bucket: string
  key: string
  /** Local .fl file. */
  path: string
  /** Hex sha256 of the file. */
  sha256: string
  /** Object metadata besides the sha256 (kernel-version, firmware-tag, commit). */
  metadata: Record<string, string>
  overwrite: boolean
}

/** `published`: new object; `unchanged`: the same bytes were already there; `replaced`: overwrite. */
export type PublishOutcome = 'published' | 'unchanged' | 'replaced'

/**
 * Uploads one manifest without ever replacing a different one by accident. The create carries
 * `If-None-Match: *`, so of two racing jobs only one can win where the server supports it; the
 * loser then finds the winner's object and compares digests like a rerun does.
 */
export async function publishManifest(
  session: S3Session,
  upload: ManifestUpload
): Promise<PublishOutcome> {
  const existing = await publishedSha256(session, upload.bucket, upload.key)
  if (existing === upload.sha256) return 'unchanged'
  if (existing !== undefined && !upload.overwrite) throw conflict(upload, existing)

  const body = await readFile(upload.path)
  const created = await session.request(`PUT ${upload.bucket}/${upload.key}`, async abortSignal => {
    try {
      await session.client.send(
        new PutObjectCommand({
          Bucket: upload.bucket,
          Key: upload.key,
          Body: body,
          ContentLength: body.byteLength,
          ContentType: MANIFEST_CONTENT_TYPE,
          // Every S3 server checks Content-MD5; x-amz-checksum-* is unknown to many of them.
          ContentMD5: createHash('md5').update(body).digest('base64'),
          Metadata: { sha256: upload.sha256, ...upload.metadata },
          IfNoneMatch: existing === undefined ? '*' : undefined
        }),
        { abortSignal }
      )
      return true
    } catch (error) {
      if (httpStatus(error) === 412) return false
      throw error
    }
  })
  if (!created) {
    const winner = await publishedSha256(session, upload.bucket, upload.key)
    if (winner === upload.sha256) return 'unchanged'
    throw conflict(upload, winner ?? 'unknown')
  }

  const stored = await publishedSha256(session, upload.bucket, upload.key)
  if (stored !== upload.sha256) {
    throw new UserError(
      `manifest s3://${upload.bucket}/${upload.key} reads back with sha256 ${stored ?? 'none'} instead of ${upload.sha256}: another job may be writing the same name`
    )
  }
  return existing === undefined ? 'published' : 'replaced'
}

/** The sha256 of a published manifest: its metadata, or its bytes when it has none. */
async function publishedSha256(
  session: S3Session,
  bucket: string,
  key: string
): Promise<string | undefined> {
  const head = await session.head(bucket, key)
  if (head === undefined) return undefined
  const recorded = head.Metadata?.sha256
  if (recorded && /^[0-9a-f]{64}$/.test(recorded)) return recorded
  const bytes = await session.request(`GET ${bucket}/${key}`, async abortSignal => {
    const response = await session.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), {
      abortSignal
    })
    return response.Body!.transformToByteArray()
  })
  return createHash('sha256').update(bytes).digest('hex')
}

function conflict(upload: ManifestUpload, existing: string): UserError {
  return new UserError(
    `manifest s3://${upload.bucket}/${upload.key} is already published with sha256 ${existing}, and this run made ${upload.sha256}: set overwrite: true to replace it, or publish under another firmware-tag or kernel-version`
  )
}

/** Hex sha256 of a local file, as recorded in the manifest's metadata and the outputs. */
export async function fileSha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex')
}
