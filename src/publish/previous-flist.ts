// The flist of the same name an earlier run made, for engines that reuse its block ids: the one
// in output-dir, else the published manifest, fetched beside it for the pack's duration. Not
// finding one, or failing to fetch it, only means every block is encoded.
import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import { oneLine } from '../common/errors.js'
import type { PackContext } from './pack-flists.js'
import type { FlistPlan } from '../plan/plan.js'
import { getManifest } from './manifest-put.js'
import { S3Session, sessionOptions } from '../s3/client.js'

export interface PreviousFlist {
  path?: string
  /** Removes what was fetched. */
  release(): Promise<void>
}

const NOTHING: PreviousFlist = { release: async () => undefined }

export async function previousFlist(flist: FlistPlan, run: PackContext): Promise<PreviousFlist> {
  if (existsSync(flist.path)) return { path: flist.path, release: NOTHING.release }
  const target = run.plan.manifests
  if (!target) return NOTHING
  const session = new S3Session(
    target.connection,
    sessionOptions(run.settings.s3Requests, run.signal)
  )
  const copy = `${flist.path}.${randomBytes(6).toString('hex')}.previous`
  try {
    const bytes = await getManifest(session, target.bucket, flist.manifestKey)
    if (bytes === undefined) return NOTHING
    await writeFile(copy, bytes)
    return { path: copy, release: () => rm(copy, { force: true }) }
  } catch (error) {
    run.signal.throwIfAborted()
    core.debug(`${flist.name}: the published manifest could not be fetched: ${oneLine(error)}`)
    await rm(copy, { force: true })
    return NOTHING
  } finally {
    session.destroy()
  }
}
