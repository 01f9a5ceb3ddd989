import type { FlistAlias } from '../publish/aliases/parse.js'
import type { BootOptions } from '../boot/units.js'

/** The validated settings of one run, whether it came from action inputs or CLI flags. */

export const FLIST_KINDS = ['modules', 'firmware'] as const
export type FlistKind = (typeof FLIST_KINDS)[number]

export const ENGINES = ['rfs', 'native'] as const
export type Engine = (typeof ENGINES)[number]

export const VERIFY_MODES = ['none', 'exists', 'full', 'rfs'] as const
export type VerifyMode = (typeof VERIFY_MODES)[number]

export const RFS_BUILD_MODES = ['auto', 'always', 'never'] as const
export type RfsBuild = (typeof RFS_BUILD_MODES)[number]

/** One rfs store: blobs whose id starts with a byte in [start, end] (inclusive) live at url. */
export interface StoreSpec {
  start: number
  end: number
  url: string
}

export interface Owner {
  uid: number
  gid: number
}

/** S3 inputs; each one given overrides the same key of rfs.conf. */
export interface S3Overrides {
  endpoint?: string
  region?: string
  bucket?: string
  prefix?: string
  accessKey?: string
  secretKey?: string
  manifestBucket?: string
  publicUrl?: string
}

/** The rfs release the rfs engine runs unless rfs-version names another. */
export const DEFAULT_RFS_VERSION = 'v2.0.6'

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
}

export interface Settings {
  /** Absolute. */
  projectRoot: string
  /** Absolute. */
  configDir: string
  kernelVersion?: string
  /** Absolute. */
  modulesDir?: string
  /** Absolute. */
  firmwareDir?: string
  firmwareTag?: string
  flists: FlistKind[]
  /** Absolute. */
  outputDir: string
  s3: S3Overrides
  store?: StoreSpec[]
  readStore?: StoreSpec[]
  engine: Engine
  rfs: RfsSettings
  verify: VerifyMode
  overwrite: boolean
  /** Extra tags in the order given. */
  tags: Array<[string, string]>
  owner?: Owner
  s3Requests: S3RequestPolicy
  /** Moving names published after the flists, replaced every run. */
  aliases: FlistAlias[]
  /** Set when zinit boot units are written. */
  zinit?: BootOptions
  dryRun: boolean
  /** Write the job summary. */
  summary: boolean
}

/** How hard to try each S3 request. */
export interface S3RequestPolicy {
  /** Tries of one request, the first included. */
  attempts: number
  timeoutMs: number
  /**
   * S3 store URLs and connections that carry no keys are signed with the AWS SDK's default
   * credential chain (environment, web identity, profiles, instance role) instead of being read
   * anonymously: set when the S3 settings name a server but no access key.
   */
  credentialChain?: boolean
}

/** How to reach one S3 server. The secret is masked as soon as it is read. */
export interface S3Connection {
  /** scheme://host:port, no path. */
  endpoint: string
  region: string
  accessKey: string
  secretKey: string
}
