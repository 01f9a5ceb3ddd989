import * as core from '@actions/core'
import type { PackEngine } from './engine.js'
import { UserError } from '../common/errors.js'
import type { Settings } from '../plan/settings.js'
import { createNativeEngine } from './native.js'
import { createRfsEngine } from './rfs.js'
import type { AcquiredRfs, RfsSettings } from '../rfs-release/rfs-settings.js'

export interface PreparedEngine {
  engine: PackEngine
  /** The rfs binary, with the rfs engine. */
  rfsPath?: string
  /** The rfs binary that checks the flists, with `verify: rfs`. */
  verifier?: AcquiredRfs
}

/**
 * The packer the settings ask for, with its binary found, fetched or built when it needs one; and
 * with `verify: rfs` the rfs binary that checks its work, acquired now (the rfs engine's own, or
 * acquired as the rfs engine acquires it) so that a missing rfs fails the run before any upload.
 */
export async function prepareEngine(
  settings: Settings,
  signal: AbortSignal
): Promise<PreparedEngine> {
  if (settings.engine === 'native') {
    const engine = createNativeEngine()
    core.info(`built-in engine ${engine.version}`)
    if (settings.verify !== 'rfs') return { engine }
    core.info('verify: rfs checks the flists with the rfs binary')
    const verifier = await acquire(settings.rfs, settings.projectRoot, signal)
    return { engine, verifier }
  }
  const rfs = await acquire(settings.rfs, settings.projectRoot, signal)
  return {
    engine: createRfsEngine(rfs),
    rfsPath: rfs.path,
    verifier: settings.verify === 'rfs' ? rfs : undefined
  }
}

/**
 * The rfs binary takes S3 keys only inside its store URL: it cannot use the credential chain.
 * Checked before anything talks to S3, so that this, not a credential error, is the line shown.
 */
export function checkStaticKeys(settings: Settings): void {
  if (!settings.s3Requests.credentialChain) return
  if (settings.engine !== 'rfs' && settings.verify !== 'rfs') return
  const { label } = settings
  const who = label.set(settings.engine === 'rfs' ? 'engine' : 'verify', 'rfs')
  throw new UserError(
    `${who} needs static S3 keys (the rfs binary takes them only in its store URL) but no access key is set: give ${label('s3-access-key')} and ${label('s3-secret-key')}, or use ${label.set('engine', 'native')} (and ${label.set('verify', 'exists')} or full), which signs with the AWS credential chain`
  )
}

/**
 * Finds, fetches or builds the rfs binary. Loaded only by a run that needs rfs: the tool and
 * build caches it brings are the largest part of the bundle, and a built-in pack never uses them.
 */
async function acquire(
  settings: RfsSettings,
  projectRoot: string,
  signal: AbortSignal
): Promise<AcquiredRfs> {
  const { acquireRfs } = await import('../rfs-release/acquire.js')
  return acquireRfs(settings, projectRoot, { signal })
}
