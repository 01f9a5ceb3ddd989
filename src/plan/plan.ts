import * as core from '@actions/core'
import { join } from 'node:path'
import { readKernelVersion } from '../config/kernel-version.js'
import { DEFAULT_REGION } from '../store/url.js'
import { readRfsConf, type RfsConf, type RfsConfKey } from '../config/rfs-conf.js'
import { UserError } from '../common/errors.js'
import {
  checkKeyPrefix,
  dateTag,
  fileUrl,
  flistName,
  joinUrl,
  manifestKey,
  validateFirmwareTag
} from './names.js'
import { checkPublicUrl } from './public-url.js'
import type { FlistKind, S3Overrides, Settings } from './settings.js'
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
import { formatStoreSpec, type StoreSpec } from '../store/spec.js'
import { type S3Connection, checkBucketName, parseS3Endpoint, s3StoreUrl } from '../store/s3-url.js'
import { stripPassword } from '../store/url.js'

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
  /** Takes each secret of the config files as soon as it is read: the runner's log masking. */
  mask?: (secret: string) => void
}

/**
 * Everything the run will do, decided before anything is written: the kernel version from the
 * configs, the trees to pack, the names, the stores and where the manifests go. Reads files; no
 * network, no writes.
 */
export async function buildPlan(settings: Settings, options: PlanOptions = {}): Promise<Plan> {
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
  await requireDirectory(
    settings.projectRoot,
    'project-root',
    'point project-root at the Zero-OS build project'
  )
  const notices: string[] = []
  const kernel = await readKernelVersion({
    configDir: settings.configDir,
    projectRoot: settings.projectRoot,
    override: settings.kernelVersion
  })
  warnings.push(...kernel.warnings)
  notices.push(...kernel.notices)
  const conf = await readRfsConf(
    settings.configDir,
    settings.projectRoot,
    options.mask ?? (() => {})
  )
  warnings.push(...conf.warnings)

  const firmwareTag = chooseFirmwareTag(settings, conf, options, warnings)
  const s3 = resolveS3(settings.s3, conf, warnings, settings.dryRun)

  const writeStores = settings.store ?? [
    { start: 0, end: 255, url: s3 ? s3.storeUrl : `dir://${join(settings.outputDir, 'store')}` }
  ]
  const withoutPassword = (spec: StoreSpec): StoreSpec => ({
    ...spec,
    url: stripPassword(spec.url)
  })
  const readRoutes = (settings.readStore ?? writeStores).map(withoutPassword)
  warnings.push(...routeWarnings(readRoutes, s3 !== undefined))
  const storeDisplay = writeStores.map(withoutPassword).map(formatStoreSpec).join('\n')

  const flists: FlistPlan[] = []
  for (const kind of settings.flists) {
    const name = flistName(kind, kind === 'modules' ? kernel.full : firmwareTag)
    const path = join(settings.outputDir, name)
    const key = manifestKey(s3?.prefix ?? checkPrefix(pick(settings.s3, conf, 'prefix')), name)
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
  return kind === 'modules'
    ? findModulesSource({
        projectRoot: settings.projectRoot,
        kernel,
        override: settings.modulesDir,
        systemRoot: options.modulesRoot
      })
    : findFirmwareSource({ projectRoot: settings.projectRoot, override: settings.firmwareDir })
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
      `firmware tag ${today} is today's UTC date: there is no SOURCE_DATE_EPOCH and no commit date, so a matrix leg or rerun on another day names the firmware flist differently; set firmware-tag, FIRMWARE_TAG in ${conf.file}, or SOURCE_DATE_EPOCH`
    )
  }
  return today
}

type S3Field = keyof S3Overrides

const CONF_KEY: Record<S3Field, RfsConfKey> = {
  endpoint: 'S3_ENDPOINT',
  region: 'S3_REGION',
  bucket: 'S3_BUCKET',
  prefix: 'S3_PREFIX',
  accessKey: 'S3_ACCESS_KEY',
  secretKey: 'S3_SECRET_KEY',
  manifestBucket: 'MANIFEST_BUCKET',
  publicUrl: 'PUBLIC_URL'
}

const INPUT_NAME: Record<S3Field, string> = {
  endpoint: 's3-endpoint',
  region: 's3-region',
  bucket: 's3-bucket',
  prefix: 's3-prefix',
  accessKey: 's3-access-key',
  secretKey: 's3-secret-key',
  manifestBucket: 'manifest-bucket',
  publicUrl: 'public-url'
}

const DESCRIPTION: Record<S3Field, string> = {
  endpoint: 'the endpoint',
  region: 'the region',
  bucket: 'the bucket',
  prefix: 'the prefix',
  accessKey: 'the access key',
  secretKey: 'the secret key',
  manifestBucket: 'the manifest bucket',
  publicUrl: 'the public URL'
}

/** A setting and where it came from, for messages. */
interface Sourced {
  value: string
  where: string
}

/** The input wins over rfs.conf. */
function pick(inputs: S3Overrides, conf: RfsConf, field: S3Field): Sourced | undefined {
  const input = inputs[field]
  if (input !== undefined && input !== '')
    return { value: input, where: `input ${INPUT_NAME[field]}` }
  const value = conf.values[CONF_KEY[field]]
  return value === undefined ? undefined : { value, where: `${conf.file}: ${CONF_KEY[field]}` }
}

interface ResolvedS3 {
  connection: S3Connection
  bucket: string
  storeUrl: string
  manifestBucket: string
  prefix: string
  /** Base of the manifest URLs; the manifest key follows it. */
  manifestBase: string
}

// Without any of these there is no S3 at all; with some of them the user meant S3 and forgot one,
// which must not silently become an offline run. The keys come as a pair or not at all: without
// them the AWS SDK's default credential chain signs the requests.
const REQUIRED: S3Field[] = ['endpoint', 'bucket']
const KEYS: S3Field[] = ['accessKey', 'secretKey']

// A plan writes nothing, so it needs no credentials, not even a complete pair: where the blocks
// and manifests would go is known without them.

function resolveS3(
  inputs: S3Overrides,
  conf: RfsConf,
  warnings: string[],
  dryRun: boolean
): ResolvedS3 | undefined {
  const get = (field: S3Field): Sourced | undefined => pick(inputs, conf, field)
  const given = [...REQUIRED, ...KEYS].filter(field => get(field) !== undefined)
  if (given.length === 0 && get('manifestBucket') === undefined) {
    for (const field of ['region', 'publicUrl', 'manifestBucket'] as const) {
      const ignored = get(field)
      if (ignored) {
        warnings.push(
          `${ignored.where} is ignored: there are no S3 settings, so nothing is uploaded and the manifests stay in the output directory`
        )
      }
    }
    return undefined
  }
  const keysGiven = KEYS.filter(field => get(field) !== undefined)
  const missing = [
    ...REQUIRED.filter(field => get(field) === undefined),
    ...(!dryRun && keysGiven.length === 1 ? KEYS.filter(field => get(field) === undefined) : [])
  ]
  if (missing.length > 0) {
    const wanted = missing.map(
      field =>
        `${DESCRIPTION[field]} (input ${INPUT_NAME[field]} or ${CONF_KEY[field]} in ${conf.file})`
    )
    const present = [...given, ...(['manifestBucket'] as const).filter(field => get(field))]
      .map(field => `${DESCRIPTION[field]} from ${get(field)!.where}`)
      .join(', ')
    throw new UserError(
      `incomplete S3 settings: missing ${wanted.join(' and ')}; given: ${present}. Set endpoint and bucket (with both access key and secret key, or neither to use the AWS credential chain), or no S3 setting at all for an offline run`
    )
  }
  const endpointSetting = get('endpoint')!
  const endpoint = parseS3Endpoint(endpointSetting.value, endpointSetting.where)
  const bucket = checkBucket(get('bucket')!)
  const manifestBucketSetting = get('manifestBucket')
  const manifestBucket = manifestBucketSetting ? checkBucket(manifestBucketSetting) : bucket
  const regionSetting = get('region')
  if (!regionSetting && /amazonaws\.com$/i.test(endpoint.host)) {
    warnings.push(
      `no S3 region is set for the AWS endpoint ${endpoint.origin}: using ${DEFAULT_REGION}; set input s3-region or S3_REGION in ${conf.file}`
    )
  }
  const region = regionSetting ? checkRegion(regionSetting) : DEFAULT_REGION
  const connection: S3Connection = {
    endpoint: endpoint.origin,
    region,
    accessKey: get('accessKey')?.value ?? '',
    secretKey: get('secretKey')?.value ?? ''
  }
  const publicUrl = get('publicUrl')
  const prefix = checkPrefix(get('prefix'))
  const manifestBase = publicUrl
    ? checkPublicUrl(publicUrl.value, publicUrl.where)
    : `${endpoint.origin}/${manifestBucket}`
  if (publicUrl) warnings.push(...publicUrlWarnings(manifestBase, publicUrl.where, prefix))
  return {
    connection,
    bucket,
    storeUrl: s3StoreUrl(connection, bucket, endpointSetting.where),
    manifestBucket,
    prefix,
    manifestBase
  }
}

/**
 * public-url is the public base of the manifest bucket and the whole object key follows it. A base
 * that already ends with the prefix was meant as the base of the prefix: its URLs hold the prefix
 * twice.
 */
function publicUrlWarnings(base: string, where: string, prefix: string): string[] {
  const segments = prefix.split('/').filter(segment => segment !== '')
  if (segments.length === 0) return []
  const path = new URL(base).pathname.split('/').filter(segment => segment !== '')
  const tail = path.slice(-segments.length).join('/')
  if (tail !== segments.map(encodeURIComponent).join('/')) return []
  const bucketBase = new URL(base)
  bucketBase.pathname = path.slice(0, -segments.length).join('/')
  return [
    `${where}=${base} ends with the prefix ${segments.join('/')}: the manifest URLs are ${base}/${manifestKey(prefix, 'NAME')}; public-url is the public base of the manifest bucket, to which the whole key (PREFIX/manifests/NAME) is appended, so this was likely meant as ${bucketBase.href.replace(/\/+$/, '')}`
  ]
}

function checkBucket(setting: Sourced): string {
  return checkBucketName(setting.value, setting.where)
}

function checkPrefix(setting: Sourced | undefined): string {
  return setting === undefined ? '' : checkKeyPrefix(setting.value, setting.where)
}

function checkRegion(setting: Sourced): string {
  if (!/^[A-Za-z0-9_-]+$/.test(setting.value)) {
    throw new UserError(`${setting.where}='${setting.value}' is not a region name, e.g. us-east-1`)
  }
  return setting.value
}
