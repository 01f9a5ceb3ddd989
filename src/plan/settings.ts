import type { InputLabel, InputSource } from '../common/input-label.js'
import type { Owner } from '../flist/pack/record.js'
import type { RfsSettings } from '../rfs-release/rfs-settings.js'
import type { S3RequestPolicy } from '../s3/client.js'
import type { StoreSpec } from '../store-url/spec.js'

/** The validated settings of one run, whether it came from action inputs or CLI flags. */

export const FLIST_KINDS = ['modules', 'firmware'] as const
export type FlistKind = (typeof FLIST_KINDS)[number]

export const ENGINES = ['rfs', 'native'] as const
export type Engine = (typeof ENGINES)[number]

export const VERIFY_MODES = ['none', 'exists', 'full', 'rfs'] as const
export type VerifyMode = (typeof VERIFY_MODES)[number]

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

/** A moving name published after the flists, replaced every run (see publish/aliases). */
export interface FlistAlias {
  /** Which flist of the run it copies. */
  kind: FlistKind
  /** The alias's file name, e.g. modules-6.12-latest.fl. */
  name: string
}

/** How the zinit boot units fetch and mount the flists (see boot/units). */
export interface BootOptions {
  /** The unit that brings up the network the flists are fetched over. */
  networkUnit: string
  /** Base URL the node fetches the manifests from; default each flist's published URL. */
  manifestUrl?: string
  /** Where the node keeps the fetched flists and rfs's block cache. */
  cacheDir: string
}

export interface Settings {
  /** Whether the settings came from action inputs or flags: messages name them as they were given. */
  inputSource: InputSource
  /** Names an input as this run was given it; the same labeller as `rfs.label` and `s3Requests.label`. */
  label: InputLabel
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
