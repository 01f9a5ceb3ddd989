import { createHash } from 'node:crypto'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { UserError } from '../common/errors.js'
import { sha256Hex } from '../common/sha256.js'
import { describeDifference, describeFlist } from './manifest-diff.js'
import { httpStatus } from '../s3/errors.js'
import type { S3Session } from '../s3/client.js'
import type { InputLabel } from '../common/input-label.js'

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
  /** Names the inputs in the advice of a refusal, as the run was given them. */
  label: InputLabel
}

/** `published`: new object; `unchanged`: it was already there; `replaced`: overwrite. */
export type PublishOutcome = 'published' | 'unchanged' | 'replaced'

/** What publishing a manifest needs to do, decided before anything is written. */
export type ManifestCheck =
  | { action: 'create' }
  /** Published already; `sha256` is what readers get, which the local file now holds too. */
  | { action: 'keep'; sha256: string }
  | { action: 'replace'; published: string; difference: string }
  | { action: 'refuse'; error: UserError }

export interface Publication {
  outcome: PublishOutcome
  /** The sha256 of the manifest readers get at the key. */
  sha256: string
}

/**
 * Looks at what is published under the manifest's key. A manifest that describes the same thing
 * as this run's (same entries, blocks, routes and tags, whoever produced it) is kept, and its
 * bytes replace the local file so that path, URL and sha256 all name one file.
 */
export async function checkManifest(
  session: S3Session,
  upload: ManifestUpload
): Promise<ManifestCheck> {
  const head = await headManifest(session, upload.bucket, upload.key)
  if (head === undefined) return { action: 'create' }
  if (head.sha256 === upload.sha256) return { action: 'keep', sha256: upload.sha256 }

  const bytes = await getManifest(session, upload.bucket, upload.key)
  if (bytes === undefined) return { action: 'create' }
  const published = sha256Hex(bytes)
  if (published === upload.sha256) return { action: 'keep', sha256: published }
  const difference = await compareWithLocal(bytes, upload.path)
  if (difference === undefined) return { action: 'keep', sha256: published }
  if (upload.overwrite) return { action: 'replace', published, difference }
  return { action: 'refuse', error: conflict(upload, published, difference) }
}

/**
 * Uploads one manifest as `check` decided. A create carries `If-None-Match: *`, so of two racing
 * jobs only one can win where the server honours it; the loser then finds the winner's object and
 * compares it like a rerun does. The read-back catches a writer who landed between the PUT and it.
 */
export async function putManifest(
  session: S3Session,
  upload: ManifestUpload,
  check: Exclude<ManifestCheck, { action: 'keep' | 'refuse' }>
): Promise<Publication> {
  const creating = check.action === 'create'
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
          IfNoneMatch: creating ? '*' : undefined
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
    const winner = await checkManifest(session, upload)
    if (winner.action === 'keep') return { outcome: 'unchanged', sha256: winner.sha256 }
    if (winner.action === 'refuse') throw winner.error
    throw conflict(upload, winner.action === 'replace' ? winner.published : 'unknown')
  }

  const stored = await publishedSha256(session, upload.bucket, upload.key)
  if (stored !== upload.sha256) {
    throw new UserError(
      `manifest s3://${upload.bucket}/${upload.key} reads back with sha256 ${stored ?? 'none'} instead of ${upload.sha256}: another job may be writing the same name`
    )
  }
  return { outcome: creating ? 'published' : 'replaced', sha256: upload.sha256 }
}

/** Checks and uploads one manifest, never replacing a different one unless `overwrite` is set. */
export async function publishManifest(
  session: S3Session,
  upload: ManifestUpload
): Promise<Publication> {
  const check = await checkManifest(session, upload)
  if (check.action === 'keep') return { outcome: 'unchanged', sha256: check.sha256 }
  if (check.action === 'refuse') throw check.error
  return putManifest(session, upload, check)
}

/** The sha256 of the manifest under a key, or undefined when there is none. */
export async function publishedSha256(
  session: S3Session,
  bucket: string,
  key: string
): Promise<string | undefined> {
  const head = await headManifest(session, bucket, key)
  if (head === undefined) return undefined
  if (head.sha256) return head.sha256
  const bytes = await getManifest(session, bucket, key)
  return bytes === undefined ? undefined : sha256Hex(bytes)
}

/** Whether an object is there, and the sha256 its metadata records (absent when uploaded by hand). */
async function headManifest(
  session: S3Session,
  bucket: string,
  key: string
): Promise<{ sha256?: string } | undefined> {
  const head = await session.head(bucket, key)
  if (head === undefined) return undefined
  const recorded = head.Metadata?.sha256
  return { sha256: recorded && /^[0-9a-f]{64}$/.test(recorded) ? recorded : undefined }
}

/** The manifest's bytes, or undefined when there is none. */
export async function getManifest(
  session: S3Session,
  bucket: string,
  key: string
): Promise<Uint8Array | undefined> {
  return session.request(`GET ${bucket}/${key}`, async abortSignal => {
    try {
      const response = await session.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key }),
        { abortSignal }
      )
      // Read the body inside the attempt, so a reset mid-body is retried too.
      return await response.Body!.transformToByteArray()
    } catch (error) {
      if (httpStatus(error) === 404) return undefined
      throw error
    }
  })
}

/**
 * What differs between the published bytes and the local flist, or undefined when they describe
 * the same thing; then the published bytes take the local file's place.
 */
async function compareWithLocal(
  published: Uint8Array,
  localPath: string
): Promise<string | undefined> {
  const copy = `${localPath}.published.${process.pid}.tmp`
  try {
    await writeFile(copy, published)
    const theirs = await describeFlist(copy).catch(() => undefined)
    if (theirs === undefined) return 'the published object is not a readable flist'
    const difference = describeDifference(theirs, await describeFlist(localPath))
    if (difference === undefined) await rename(copy, localPath)
    return difference
  } finally {
    await rm(copy, { force: true })
  }
}

function conflict(upload: ManifestUpload, existing: string, difference?: string): UserError {
  const what = difference ? ` (${difference})` : ''
  return new UserError(
    `manifest s3://${upload.bucket}/${upload.key} is already published with sha256 ${existing}, and this run made ${upload.sha256}${what}: set ${upload.label.set('overwrite', 'true')} to replace it, or publish under another name: change ${upload.label('firmware-tag')} or ${upload.label('kernel-version')}`
  )
}
