import * as core from '@actions/core'
import { manifestKey } from '../plan/names.js'
import type { PackedFlist } from './pack-flists.js'
import type { ManifestTarget, Plan } from '../plan/plan.js'
import {
  checkManifest,
  publishedSha256,
  putManifest,
  type ManifestCheck,
  type ManifestUpload,
  type PublishOutcome
} from './manifest-put.js'
import { S3Session, sessionOptions } from '../s3/client.js'
import { probeIfNoneMatch } from './conditional-create.js'
import type { FlistKind, Settings } from '../plan/settings.js'

/**
 * What became of a manifest. `not published`: readers do not get this run's manifest under the
 * name; `uncertain`: its upload was cut off and the store could not be asked afterwards.
 */
export type ManifestState = PublishOutcome | 'not published' | 'uncertain'

/** Filled in as publishing goes, so a run that fails or is cancelled midway can say what is live. */
export interface PublishRecord {
  /** Set once publishing began. */
  started: boolean
  states: Partial<Record<FlistKind, ManifestState>>
  /** The sha256 readers get, where it is not the local file's as packed. */
  sha256: Partial<Record<FlistKind, string>>
  /** Whether the server refuses to create over an existing key; absent when not probed. */
  exclusiveCreate?: boolean
  warnings: string[]
}

export function newPublishRecord(): PublishRecord {
  return { started: false, states: {}, sha256: {}, warnings: [] }
}

interface Pending {
  kind: FlistKind
  upload: ManifestUpload
  check: Exclude<ManifestCheck, { action: 'keep' | 'refuse' }>
}

/**
 * Uploads the manifests, each only after every flist of the run was packed and verified: a
 * reader never sees a manifest whose blocks are missing. Every manifest is checked for a conflict
 * before the first is uploaded, so a refusal publishes none of them.
 */
export async function publishManifests(
  packed: PackedFlist[],
  plan: Plan,
  settings: Settings,
  signal: AbortSignal,
  record: PublishRecord
): Promise<void> {
  const target = plan.manifests!
  record.started = true
  for (const { plan: flist } of packed) record.states[flist.kind] = 'not published'
  const session = new S3Session(target.connection, sessionOptions(settings.s3Requests, signal))
  try {
    const pending: Pending[] = []
    const refusals: Error[] = []
    for (const { plan: flist, sha256 } of packed) {
      const upload = manifestUpload(flist, sha256, plan, settings)
      const check = await checkManifest(session, upload)
      const where = `s3://${target.bucket}/${flist.manifestKey}`
      if (check.action === 'refuse') refusals.push(check.error)
      else if (check.action === 'keep') {
        record.states[flist.kind] = 'unchanged'
        record.sha256[flist.kind] = check.sha256
        core.info(
          check.sha256 === sha256
            ? `${where} was already published with these bytes`
            : `${where} is already published with sha256 ${check.sha256}, which describes the same entries, blocks, routes and tags (only its producer differs): kept, and ${flist.path} now holds its bytes`
        )
      } else pending.push({ kind: flist.kind, upload, check })
    }
    if (refusals.length > 0) throw refusals[0]

    if (pending.some(({ check }) => check.action === 'create')) {
      await probeExclusiveCreate(session, target, record)
    }
    for (const { kind, upload, check } of pending) {
      const where = `s3://${upload.bucket}/${upload.key}`
      try {
        const { outcome, sha256 } = await putManifest(session, upload, check)
        record.states[kind] = outcome
        record.sha256[kind] = sha256
        core.info(
          outcome === 'replaced' && check.action === 'replace'
            ? `${where} replaced (${check.difference})`
            : outcome === 'unchanged'
              ? `${where} was published meanwhile by another job with the same contents`
              : `${where} ${outcome}`
        )
      } catch (error) {
        record.states[kind] = await settle(target, upload, check)
        throw error
      }
    }
  } finally {
    session.destroy()
  }
}

function manifestUpload(
  flist: PackedFlist['plan'],
  sha256: string,
  plan: Plan,
  settings: Settings
): ManifestUpload {
  const metadata: Record<string, string> = { 'kernel-version': plan.kernel.full }
  if (flist.kind === 'firmware') metadata['firmware-tag'] = plan.firmwareTag
  if (process.env.GITHUB_SHA) metadata.commit = process.env.GITHUB_SHA
  return {
    bucket: plan.manifests!.bucket,
    key: flist.manifestKey,
    path: flist.path,
    sha256,
    metadata,
    overwrite: settings.overwrite,
    label: settings.label
  }
}

async function probeExclusiveCreate(
  session: S3Session,
  target: ManifestTarget,
  record: PublishRecord
): Promise<void> {
  record.exclusiveCreate = await probeIfNoneMatch(session, target.bucket, target.prefix)
  if (record.exclusiveCreate) return
  const warning = `the S3 server at ${target.connection.endpoint} replaces an existing object on a PUT with If-None-Match: *, so concurrent publishers of one name are not excluded on this server: put the jobs that publish to s3://${target.bucket}/${manifestKey(target.prefix, '')}/ in one workflow concurrency: group`
  record.warnings.push(warning)
  core.warning(warning)
}

/**
 * After an upload failed or was cancelled, whether it landed anyway: the PUT may have reached the
 * server before the answer was lost. Asked on a session of its own, with short limits, since the
 * run's own session stops at cancellation.
 */
async function settle(
  target: ManifestTarget,
  upload: ManifestUpload,
  check: Pending['check']
): Promise<ManifestState> {
  const session = new S3Session(target.connection, {
    retry: { attempts: 2, baseDelayMs: 100, maxDelayMs: 500 },
    requestTimeoutMs: 5_000,
    label: upload.label
  })
  try {
    const stored = await publishedSha256(session, upload.bucket, upload.key)
    if (stored !== upload.sha256) return 'not published'
    return check.action === 'create' ? 'published' : 'replaced'
  } catch {
    return 'uncertain'
  } finally {
    session.destroy()
  }
}
