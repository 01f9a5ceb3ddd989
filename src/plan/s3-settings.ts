// The S3 settings of a run, each from its input or else from rfs.conf: where the blocks and the
// manifests go and how requests are signed, checked before anything is written.
import type { RfsConf, RfsConfKey } from '../config/rfs-conf.js'
import { UserError } from '../common/errors.js'
import type { InputLabel } from '../common/input-label.js'
import { checkKeyPrefix, manifestKey } from './names.js'
import { checkPublicUrl } from './public-url.js'
import type { S3Overrides } from './settings.js'
import { checkBucketName, parseS3Endpoint, s3StoreUrl, type S3Connection } from '../store-url/s3.js'
import { DEFAULT_REGION } from '../store-url/url.js'

export type S3Field = keyof S3Overrides

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
export interface Sourced {
  value: string
  where: string
}

/** The input wins over rfs.conf. */
export function pick(
  inputs: S3Overrides,
  conf: RfsConf,
  field: S3Field,
  label: InputLabel
): Sourced | undefined {
  const input = inputs[field]
  if (input !== undefined && input !== '') return { value: input, where: label(INPUT_NAME[field]) }
  const value = conf.values[CONF_KEY[field]]
  return value === undefined ? undefined : { value, where: `${conf.file}: ${CONF_KEY[field]}` }
}

export interface ResolvedS3 {
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

/**
 * The S3 settings, or undefined when there are none (an offline run). A plan writes nothing, so
 * a dry run needs no credentials, not even a complete pair: where the blocks and manifests would
 * go is known without them.
 */
export function resolveS3(
  inputs: S3Overrides,
  conf: RfsConf,
  warnings: string[],
  dryRun: boolean,
  label: InputLabel
): ResolvedS3 | undefined {
  const get = (field: S3Field): Sourced | undefined => pick(inputs, conf, field, label)
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
        `${DESCRIPTION[field]} (${label(INPUT_NAME[field])} or ${CONF_KEY[field]} in ${conf.file})`
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
  const bucket = checkBucket(get('bucket')!, label)
  const manifestBucketSetting = get('manifestBucket')
  const manifestBucket = manifestBucketSetting ? checkBucket(manifestBucketSetting, label) : bucket
  const regionSetting = get('region')
  if (!regionSetting && /amazonaws\.com$/i.test(endpoint.host)) {
    warnings.push(
      `no S3 region is set for the AWS endpoint ${endpoint.origin}: using ${DEFAULT_REGION}; set ${label('s3-region')} or S3_REGION in ${conf.file}`
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
  if (publicUrl) warnings.push(...publicUrlWarnings(manifestBase, publicUrl.where, prefix, label))
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
function publicUrlWarnings(
  base: string,
  where: string,
  prefix: string,
  label: InputLabel
): string[] {
  const segments = prefix.split('/').filter(segment => segment !== '')
  if (segments.length === 0) return []
  const path = new URL(base).pathname.split('/').filter(segment => segment !== '')
  const tail = path.slice(-segments.length).join('/')
  if (tail !== segments.map(encodeURIComponent).join('/')) return []
  const bucketBase = new URL(base)
  bucketBase.pathname = path.slice(0, -segments.length).join('/')
  return [
    `${where}=${base} ends with the prefix ${segments.join('/')}: the manifest URLs are ${base}/${manifestKey(prefix, 'NAME')}; ${label('public-url')} is the public base of the manifest bucket, to which the whole key (PREFIX/manifests/NAME) is appended, so this was likely meant as ${bucketBase.href.replace(/\/+$/, '')}`
  ]
}

function checkBucket(setting: Sourced, label: InputLabel): string {
  return checkBucketName(setting.value, setting.where, `a key prefix goes in ${label('s3-prefix')}`)
}

export function checkPrefix(setting: Sourced | undefined): string {
  return setting === undefined ? '' : checkKeyPrefix(setting.value, setting.where)
}

function checkRegion(setting: Sourced): string {
  if (!/^[A-Za-z0-9_-]+$/.test(setting.value)) {
    throw new UserError(`${setting.where}='${setting.value}' is not a region name, e.g. us-east-1`)
  }
  return setting.value
}
