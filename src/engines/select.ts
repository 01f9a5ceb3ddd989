import * as core from '@actions/core'
import type { PackEngine } from '../engine.js'
import type { Settings } from '../settings.js'
import { createNativeEngine } from './native.js'
import { createRfsEngine } from './rfs.js'
import { acquireRfs } from '../rfs/acquire.js'

export interface PreparedEngine {
  engine: PackEngine
  /** The rfs binary, with the rfs engine. */
  rfsPath?: string
}

/** The packer the settings ask for, with its binary found, fetched or built when it needs one. */
export async function prepareEngine(
  settings: Settings,
  signal: AbortSignal
): Promise<PreparedEngine> {
  if (settings.engine === 'native') {
    const engine = createNativeEngine()
    core.info(`built-in engine ${engine.version}`)
    return { engine }
  }
  const rfs = await acquireRfs(settings.rfs, settings.projectRoot, { signal })
  return { engine: createRfsEngine(rfs), rfsPath: rfs.path }
}
