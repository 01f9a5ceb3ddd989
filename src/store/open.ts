// Store URLs as blob stores, for the built-in engine. Schemes only the rfs binary speaks end the
// run with a line that says so.
import { UserError } from '../common/errors.js'
import { sessionOptions, type S3SessionOptions, type S3RequestPolicy } from '../s3/client.js'
import { DirBlobStore } from './dir.js'
import {
  dirUrlPath,
  isS3Scheme,
  maskUrlCredentials,
  schemeAndHost,
  storeScheme
} from '../store-url/url.js'
import { HttpBlobStore } from './http.js'
import { StoreRouter } from './router.js'
import type { BlobStore } from './store.js'
import type { StoreSpec } from '../store-url/spec.js'
import { RUNNER_LABEL } from '../common/input-label.js'

export type StoreAccess = 'read' | 'write'

export interface OpenStoreOptions {
  /** Cancels S3 requests in flight and their retries. */
  signal?: AbortSignal
  /** Retries and timeouts of S3 requests; the session defaults otherwise. */
  s3Requests?: S3RequestPolicy
  /** Told every credential a store URL holds before the store is opened (a runner masks it). */
  mask?: (secret: string) => void
}

/**
 * One store URL. `write` refuses read-only schemes up front rather than at the first blob. The S3
 * client is loaded only when an S3 store is used: dir-only runs start faster without it.
 */
export async function openStore(
  url: string,
  access: StoreAccess = 'write',
  options: OpenStoreOptions = {}
): Promise<BlobStore> {
  const scheme = storeScheme(url)
  // The run's request policy carries how it names its inputs.
  const label = options.s3Requests?.label ?? RUNNER_LABEL
  if (scheme === 'dir') return new DirBlobStore(dirUrlPath(url)!)
  if (isS3Scheme(scheme)) return (await import('./s3.js')).openS3Store(url, s3Options(options))
  if (scheme === 'http' || scheme === 'https') {
    if (access === 'read') return new HttpBlobStore(url)
    throw new UserError(
      `store ${displayScheme(url)}: http(s) stores are read-only; write to a dir:// or s3:// store, or use ${label.set('engine', 'rfs')}`
    )
  }
  if (scheme === 'zdb') {
    throw new UserError(
      `store ${displayScheme(url)}: zdb:// stores are written by the rfs binary only; set ${label.set('engine', 'rfs')}`
    )
  }
  throw new UserError(
    `store ${displayScheme(url)}: unknown store type; the built-in engine handles dir:// and s3:// (s3s://) stores, ${label.set('engine', 'rfs')} handles more`
  )
}

/** A router over store specs: each blob goes to every store whose range holds its first byte. */
export async function openStores(
  specs: readonly StoreSpec[],
  access: StoreAccess = 'write',
  options: OpenStoreOptions = {}
): Promise<StoreRouter> {
  const { mask } = options
  if (mask) for (const spec of specs) maskUrlCredentials(spec.url, mask)
  const stores = await Promise.all(specs.map(spec => openStore(spec.url, access, options)))
  return new StoreRouter(
    specs.map((spec, index) => ({ start: spec.start, end: spec.end, store: stores[index] }))
  )
}

function s3Options({ signal, s3Requests }: OpenStoreOptions): S3SessionOptions {
  return s3Requests ? sessionOptions(s3Requests, signal) : { signal }
}

/** Only scheme and host: a store URL may carry a secret, and this text reaches the log. */
function displayScheme(url: string): string {
  return schemeAndHost(url) ?? 'with no scheme'
}
