import { UserError } from '../common/errors.js'
import { redactor } from '../store-url/redact.js'
import { s3StoreUrl, type S3Connection } from '../store-url/s3.js'
import { RUNNER_LABEL, type InputLabel } from '../common/input-label.js'

/** Network failures worth another try: the next attempt may reach a healthy server. */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET'
])

/** Codes that mean no server answers at that address at all. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'])

const RETRYABLE_NAMES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'RequestTimeout',
  'RequestTimeTooSkewed',
  'InternalError',
  'ServiceUnavailable',
  'TimeoutError'
])

/** The settings an advice tells the user to check, named for whoever set them. */
interface SettingNames {
  accessKey: string
  secretKey: string
  keys: string
  region: string
  endpoint: string
  bucket: string
}

/** The action's inputs, as the run was given them, with their rfs.conf keys. */
function inputNames(label: InputLabel): SettingNames {
  return {
    accessKey: `${label('s3-access-key')} (S3_ACCESS_KEY in rfs.conf)`,
    secretKey: `${label('s3-secret-key')} (S3_SECRET_KEY in rfs.conf)`,
    keys: `${label('s3-access-key')} and ${label('s3-secret-key')} (S3_ACCESS_KEY / S3_SECRET_KEY in rfs.conf)`,
    region: `${label('s3-region')} (S3_REGION in rfs.conf)`,
    endpoint: label('s3-endpoint'),
    bucket: `${label('s3-bucket')} / ${label('manifest-bucket')} (S3_BUCKET / MANIFEST_BUCKET in rfs.conf)`
  }
}

/** The parts of a store URL, for runs that were given one instead (the engine CLI). */
const URL_NAMES: SettingNames = {
  accessKey: 'the access key in the store URL',
  secretKey: 'the secret key in the store URL',
  keys: 'the access and secret keys in the store URL',
  region: "the store URL's ?region=",
  endpoint: "the store URL's host and port",
  bucket: "the store URL's bucket"
}

type Advice = (bucket: string, message: string, names: SettingNames) => string

/** Refusals that no retry can change, and the setting the user should check. */
const FATAL_ADVICE: Record<string, Advice> = {
  InvalidAccessKeyId: (_bucket, _message, names) =>
    `the server does not know this access key: check ${names.accessKey}`,
  SignatureDoesNotMatch: (_bucket, _message, names) =>
    `the server rejected the request signature: check ${names.secretKey} and ${names.region}`,
  AccessDenied: bucket =>
    `access denied on bucket '${bucket}': give the access key read and write permission on it`,
  Forbidden: bucket =>
    `access denied on bucket '${bucket}': give the access key read and write permission on it`,
  NoSuchBucket: (bucket, _message, names) =>
    `bucket '${bucket}' does not exist: create it or fix ${names.bucket}`,
  AuthorizationHeaderMalformed: (_bucket, message, names) =>
    `the server expects ${expectedRegion(message) ?? 'another region'}: check ${names.region}`,
  PermanentRedirect: (_bucket, _message, names) =>
    `the bucket lives in another region or endpoint: check ${names.region} and ${names.endpoint}`,
  InvalidBucketName: (bucket, _message, names) =>
    `'${bucket}' is not a valid bucket name: check ${names.bucket}`
}

/** Refusals a retry may get past, and what to check when none did. */
const RETRY_ADVICE: Record<string, () => string> = {
  RequestTimeTooSkewed: () =>
    "the server refused the request's time (RequestTimeTooSkewed): this machine's clock is off from the server's; set it right (NTP)"
}

/** Answers that refuse a request for who sent it. */
const REFUSALS = new Set([
  'AccessDenied',
  'Forbidden',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AllAccessDisabled'
])

/** A route holds no secret, so it is read anonymously; refused, the bucket is not public. */
function anonymousAdvice(bucket: string, connection: S3Connection): string {
  const store = s3StoreUrl({ ...connection, accessKey: 'ACCESS', secretKey: 'SECRET' }, bucket)
  return (
    `the route holds no secret, so it was read anonymously, and bucket '${bucket}' does not allow ` +
    `anonymous reads: read through the store with its secret (${store}; for a copy of the flist: ` +
    `rfs config -m COPY.fl store delete -a, then store add -s '${store}'), or let the bucket ` +
    `allow anonymous reads (a bucket policy)`
  )
}

const FORBIDDEN_ADVICE: Advice = (bucket, _message, names) =>
  `the server refused access (403): check ${names.keys} and that the key may read and write bucket '${bucket}'`

interface SdkErrorShape {
  name?: string
  code?: string
  message?: string
  cause?: unknown
  $metadata?: { httpStatusCode?: number }
}

function shape(error: unknown): SdkErrorShape {
  return typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {}
}

function networkCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const { code } = shape(current)
    if (code && RETRYABLE_NETWORK_CODES.has(code)) return code
    current = shape(current).cause
  }
  return undefined
}

export function httpStatus(error: unknown): number | undefined {
  return shape(error).$metadata?.httpStatusCode
}

export function isRetryableS3Error(error: unknown): boolean {
  const { name = '' } = shape(error)
  if (name in FATAL_ADVICE) return false
  const status = httpStatus(error)
  if (status !== undefined && (status >= 500 || status === 429)) return true
  if (RETRYABLE_NAMES.has(name)) return true
  if (networkCode(error)) return true
  // A reset mid-response surfaces as a bare "socket hang up" or an aborted body read.
  return /socket hang up|ECONNRESET|aborted|premature close/i.test(shape(error).message ?? '')
}

/** Replaces the secret, raw or percent-encoded, wherever an SDK message might carry it. */
export function scrubSecret(text: string, secret: string): string {
  return redactor([secret, encodeURIComponent(secret)])(text)
}

/**
 * The region a refusal names as expected: AWS says "expecting 'eu-west-1'", Garage "expected:
 * '20261201/garage/s3/aws4_request'".
 */
function expectedRegion(message: string): string | undefined {
  const region = /\bexpect(?:ed|ing)\W+(?:\d{8}\/)?([a-z0-9-]+)/i.exec(message)?.[1]
  return region && `region '${region}'`
}

/** The bucket a path-style operation label (`PUT bucket/key`) names. */
function bucketOf(what: string): string {
  return what.replace(/^\S+\s+/, '').split('/')[0]
}

export interface FailureContext {
  /** Tries made, the first included. */
  attempts?: number
  /** The connection's keys came, or were to come, from the AWS credential chain. */
  credentialChain?: boolean
  /**
   * Names the inputs in the advice, as the run was given them; without it, the advice names the
   * parts of the store URL (the engine CLI takes no inputs).
   */
  label?: InputLabel
}

/** One line for a failed S3 request: what was asked, what the server said, what to check. */
export function describeS3Failure(
  error: unknown,
  what: string,
  connection: S3Connection,
  { attempts = 1, credentialChain = false, label }: FailureContext = {}
): UserError {
  const names = label ? inputNames(label) : URL_NAMES
  const { name = 'Error', message = String(error) } = shape(error)
  const keyless = connection.accessKey === '' && connection.secretKey === ''
  if (
    name === 'CredentialsProviderError' ||
    (keyless && credentialChain && /credential/i.test(message))
  ) {
    return new UserError(
      `S3 ${what} failed (endpoint ${connection.endpoint}): no S3 credentials: no access key is set (${inputNames(label ?? RUNNER_LABEL).keys}) and the AWS credential chain found none; give the keys, or set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (e.g. with aws-actions/configure-aws-credentials)`
    )
  }
  // Garage refuses a bad signature as AccessDenied ("Invalid signature"); AWS and MinIO say
  // SignatureDoesNotMatch.
  const refusal =
    name === 'AccessDenied' && /signature/i.test(message) ? 'SignatureDoesNotMatch' : name
  const tries = attempts > 1 ? ` after ${attempts} attempts` : ''
  const at = `${tries} (endpoint ${connection.endpoint})`
  // HEAD answers carry no body, so the SDK sees only the status.
  const refused = REFUSALS.has(name) || httpStatus(error) === 403
  const advice: Advice | undefined =
    connection.secretKey === '' && refused && !(keyless && credentialChain)
      ? bucket => anonymousAdvice(bucket, connection)
      : (FATAL_ADVICE[refusal] ??
        RETRY_ADVICE[name] ??
        (httpStatus(error) === 403 ? FORBIDDEN_ADVICE : undefined))
  const code = networkCode(error)
  const reason = advice
    ? advice(bucketOf(what), message, names)
    : code && UNREACHABLE_CODES.has(code)
      ? `cannot reach the S3 endpoint (${code}): check ${names.endpoint} and the network`
      : code
        ? `the connection failed (${code}): the server or a proxy in between dropped it`
        : serverAnswer(error, name, message)
  const chained =
    keyless && credentialChain && refused ? ' (the keys came from the AWS credential chain)' : ''
  return new UserError(
    scrubSecret(`S3 ${what} failed${at}: ${reason}${chained}`, connection.secretKey)
  )
}

/** What the server said; answers without a body (HEAD) leave the SDK only the status. */
function serverAnswer(error: unknown, name: string, message: string): string {
  const status = httpStatus(error)
  if (name === 'Unknown' || name === 'UnknownError' || message === 'UnknownError') {
    return status === undefined ? message : `HTTP ${status}`
  }
  return `${status === undefined ? '' : `HTTP ${status} `}${name}: ${message}`
}
