import * as core from '@actions/core'
import type { PackedFlist } from './pack-flists.js'
import type { Plan } from './plan.js'
import { publishManifest, type PublishOutcome } from './publish.js'
import { S3Session, sessionOptions } from './s3/client.js'
import type { FlistKind, Settings } from './settings.js'

/**
 * Uploads the manifests, each only after every flist of the run was packed and verified: a
 * reader never sees a manifest whose blocks are missing.
 */
export async function publishManifests(
  packed: PackedFlist[],
  plan: Plan,
  settings: Settings,
  signal: AbortSignal
): Promise<Partial<Record<FlistKind, PublishOutcome>>> {
  const target = plan.manifests!
  const session = new S3Session(target.connection, sessionOptions(settings.s3Requests, signal))
  const outcomes: Partial<Record<FlistKind, PublishOutcome>> = {}
  try {
    for (const { plan: flist, sha256 } of packed) {
      const metadata: Record<string, string> = { 'kernel-version': plan.kernel.full }
      if (flist.kind === 'firmware') metadata['firmware-tag'] = plan.firmwareTag
      if (process.env.GITHUB_SHA) metadata.commit = process.env.GITHUB_SHA
      const outcome = await publishManifest(session, {
        bucket: target.bucket,
        key: flist.manifestKey,
        path: flist.path,
        sha256,
        metadata,
        overwrite: settings.overwrite
      })
      outcomes[flist.kind] = outcome
      const where = `s3://${target.bucket}/${flist.manifestKey}`
      core.info(
        outcome === 'unchanged'
          ? `${where} was already published with these bytes`
          : `${where} ${outcome}`
      )
    }
  } finally {
    session.destroy()
  }
  return outcomes
}
