import * as core from '@actions/core'
import { join } from 'node:path'
import { readKernelVersion } from '../config/kernel-version.js'
import { readRfsConf, type RfsConf } from '../config/rfs-conf.js'
import { dateTag, fileUrl, flistName, joinUrl, manifestKey, validateFirmwareTag } from './names.js'
import { checkPrefix, pick, resolveS3 } from './s3-settings.js'
import type { FlistKind, Settings } from './settings.js'
import type { S3Connection } from '../store-url/s3.js'
import type { SourceDate } from './source-date.js'
import {
  findFirmwareSource,
  findModulesSource,
  MissingDirectoryError,
  requireDirectory
} from './sources.js'
import { checkTreeNames } from '../flist/pack/walk.js'
import { checkWritePlaces } from './write-places.js'
import { routeWarnings } from './store-reach.js'
import { formatStoreSpec, type StoreSpec } from '../store-url/spec.js'
import { stripPassword } from '../store-url/url.js'

export interface FlistPlan {
  kind: FlistKind
  /** modules-<full>.fl | firmware-<tag>.fl */
  name: string
  /** Absolute path of the tree to pack; absent in a plan made before the tree exists. */
  source?: string
  /** outputDir/name */
  path: string
  /** PREFIX/manifests/NAME */
  manifestKey: string
  /** Where readers get the manifest: public-url, the S3 endpoint, or the local file. */
  url: string
}

/** Where the manifests are uploaded. */
export interface ManifestTarget {
  connection: S3Connection
  bucket: string
  prefix: string
}

export interface Plan {
  kernel: { base: string; localversion: string; full: string }
  firmwareTag: string
  flists: FlistPlan[]
  /** Stores that receive the blocks; URLs may hold the secret. */
  writeStores: StoreSpec[]
  /** Routes recorded in the flists, passwords removed. */
  readRoutes: StoreSpec[]
  /** The write stores without passwords, one spec a line, as the store input takes them. */
  storeDisplay: string
  /** Absent when there are no S3 settings: the manifests stay in the output directory. */
  manifests?: ManifestTarget
  /**
   * The S3 settings name a server but no access key: requests are signed with the AWS SDK's
   * default credential chain (see S3RequestPolicy), which only the built-in engine can use.
   */
  credentialChain: boolean
  warnings: string[]
  /** Worth knowing, not worth a warning: a config file an input made unnecessary, a tree to come. */
  notices: string[]
}

export interface PlanOptions {
  /** The time the build stands for; the default firmware tag is its UTC date. */
  sourceDate?: SourceDate
  /** Today, for the default firmware tag when there is no source date. */
  now?: Date
  /** Stands in for /lib/modules. */
  modulesRoot?: string
  /**
   * Takes each secret of the config files as soon as it is read: the runner's log masking.
   * Required, so no caller can forget it.
   */
  mask: (secret: string) => void
}

/**
 * Everything the run will do, decided before anything is written: the kernel version from the
 * configs, the trees to pack, the names, the stores and where the manifests go. Reads files; no
 * network, no writes.
 */
export async function buildPlan(settings: Settings, options: PlanOptions): Promise<Plan> {
  const warnings: string[] = []
  try {
    return await planRun(settings, options, warnings)
  } catch (error) {
    // A misspelt key often causes the error itself: its warning must not be lost with the plan.
    for (const warning of warnings) core.warning(warning)
    throw error
  }
}

async function planRun(
  settings: Settings,
  options: PlanOptions,
  warnings: string[]
): Promise<Plan> {
  const { label } = settings
  await requireDirectory(
    settings.projectRoot,
    label('project-root'),
    `point ${label('project-root')} at the Zero-OS build project`
  )
  const notices: string[] = []
  const kernel = await readKernelVersion({
    configDir: settings.configDir,
    projectRoot: settings.projectRoot,
    override: settings.kernelVersion,
    label
  })
  warnings.push(...kernel.warnings)
  notices.push(...kernel.notices)
  const conf = await readRfsConf(settings.configDir, settings.projectRoot, options.mask, label)
  warnings.push(...conf.warnings)

  const firmwareTag = chooseFirmwareTag(settings, conf, options, warnings)
  const s3 = resolveS3(settings.s3, conf, warnings, settings.dryRun, label)
  // Offline, the manifests keep the keys they would have under the prefix, for a later upload.
  const prefix = s3?.prefix ?? checkPrefix(pick(settings.s3, conf, 'prefix', label))

  const writeStores = settings.store ?? [
    { start: 0, end: 255, url: s3 ? s3.storeUrl : `dir://${join(settings.outputDir, 'store')}` }
  ]
  const withoutPassword = (spec: StoreSpec): StoreSpec => ({
    ...spec,
    url: stripPassword(spec.url)
  })
  const readRoutes = (settings.readStore ?? writeStores).map(withoutPassword)
  warnings.push(...routeWarnings(readRoutes, s3 !== undefined, label))
  const storeDisplay = writeStores.map(withoutPassword).map(formatStoreSpec).join('\n')

  const flists: FlistPlan[] = []
  for (const kind of settings.flists) {
    const name = flistName(kind, kind === 'modules' ? kernel.full : firmwareTag)
    const path = join(settings.outputDir, name)
    const key = manifestKey(prefix, name)
    flists.push({
      kind,
      name,
      source: await plannedSource(kind, settings, kernel.full, options, notices),
      path,
      manifestKey: key,
      url: s3 ? joinUrl(s3.manifestBase, key) : fileUrl(path)
    })
  }
  // Before anything is written: rfs would store names that are not UTF-8 lossily, as U+FFFD.
  for (const flist of flists) if (flist.source) await checkTreeNames(flist.source)

  await checkWritePlaces(settings, flists, writeStores)

  return {
    kernel: { base: kernel.base, localversion: kernel.localversion, full: kernel.full },
    firmwareTag,
    flists,
    writeStores,
    readRoutes,
    storeDisplay,
    manifests: s3 && { connection: s3.connection, bucket: s3.manifestBucket, prefix: s3.prefix },
    credentialChain: s3 !== undefined && s3.connection.accessKey === '',
    warnings,
    notices
  }
}

/**
 * The tree to pack. A dry run plans without a tree that is not there yet (a workflow learns the
 * names and URLs before it builds the initramfs); a real run refuses it.
 */
async function plannedSource(
  kind: FlistKind,
  settings: Settings,
  kernel: string,
  options: PlanOptions,
  notices: string[]
): Promise<string | undefined> {
  try {
    return await findSource(kind, settings, kernel, options)
  } catch (error) {
    if (!settings.dryRun || !(error instanceof MissingDirectoryError)) throw error
    notices.push(`${error.message}. Planned without it; a real run needs it`)
    return undefined
  }
}

function findSource(
  kind: FlistKind,
  settings: Settings,
  kernel: string,
  options: PlanOptions
): Promise<string> {
  const { label } = settings
  return kind === 'modules'
    ? findModulesSource({
        projectRoot: settings.projectRoot,
        kernel,
        override: settings.modulesDir,
        systemRoot: options.modulesRoot,
        label
      })
    : findFirmwareSource({
        projectRoot: settings.projectRoot,
        override: settings.firmwareDir,
        label
      })
}

/**
 * firmware-tag, else FIRMWARE_TAG, else the UTC date of the source date: every leg of a matrix and
 * every rerun of one commit agree on it, where the date of the run changes at midnight.
 */
function chooseFirmwareTag(
  settings: Settings,
  conf: RfsConf,
  options: PlanOptions,
  warnings: string[]
): string {
  if (settings.firmwareTag) return settings.firmwareTag
  const configured = conf.values.FIRMWARE_TAG
  if (configured !== undefined) return validateFirmwareTag(configured, `${conf.file}: FIRMWARE_TAG`)
  if (options.sourceDate) return dateTag(new Date(options.sourceDate.epoch * 1000))
  const today = dateTag(options.now ?? new Date())
  if (settings.flists.includes('firmware')) {
    warnings.push(
      `firmware tag ${today} is today's UTC date: there is no SOURCE_DATE_EPOCH and no commit date, so a matrix leg or rerun on another day names the firmware flist differently; set ${settings.label('firmware-tag')}, FIRMWARE_TAG in ${conf.file}, or SOURCE_DATE_EPOCH`
    )
  }
  return today
}
