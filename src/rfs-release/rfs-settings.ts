// What a run asks of the rfs binary, and what it got: kept apart from acquisition itself, whose
// caches and downloads are loaded only by a run that needs an rfs binary.
import type { InputLabel } from '../common/input-label.js'

export const RFS_BUILD_MODES = ['auto', 'always', 'never'] as const
export type RfsBuild = (typeof RFS_BUILD_MODES)[number]

export interface RfsSettings {
  path?: string
  version: string
  /**
   * Whether rfs-version was given rather than defaulted: then it is what runs, and an rfs of
   * another version found on PATH or in the source tree is skipped.
   */
  versionGiven?: boolean
  sha256?: string
  build: RfsBuild
  /** Absolute path of the rfs source tree to build from. */
  source: string
  downloadUrl?: string
  /** Names the inputs in messages, as the run was given them. */
  label: InputLabel
}

/** Where the binary came from, as reported in the log and the summary. */
export type RfsOrigin =
  'input' | 'path' | 'components' | 'tool-cache' | 'download' | 'cache' | 'build'

export interface AcquiredRfs {
  /** Absolute path of a binary that answered `--version`. */
  path: string
  version: string
  source: RfsOrigin
}
