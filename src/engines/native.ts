// The built-in engine: packs in-process, no binary to fetch.
import type { PackEngine, PackRequest } from './engine.js'
import { readKnownBlocks } from '../flist/read/known-blocks.js'
import { packTree, UPLOAD_CONCURRENCY } from '../flist/pack/pack.js'
import { ACTION_VERSION } from '../common/action-version.js'
import { Semaphore } from '../common/semaphore.js'
import type { StoreRouter } from '../store/router.js'
import { openStores } from '../store/open.js'
import type { StoreSpec } from '../store-url/spec.js'
import type { FlistCounts } from '../flist/format/counts.js'

/** The built-in engine's name and version: the action's own, since it ships inside it. */
export const NATIVE_ENGINE_NAME = 'native'
export const NATIVE_ENGINE_VERSION = ACTION_VERSION

/** What the packs of one run share: the opened stores (one S3 client each) and the request limit. */
interface SharedStores {
  stores: Promise<StoreRouter>
  requests: Semaphore
}

export class NativeEngine implements PackEngine {
  readonly name = NATIVE_ENGINE_NAME
  readonly version = NATIVE_ENGINE_VERSION
  readonly concurrent = true
  readonly reusesBlocks = true
  /** Packs given the same stores and signal (the packs of one run) share them. */
  private readonly shared = new WeakMap<StoreSpec[], WeakMap<AbortSignal, SharedStores>>()

  async pack(request: PackRequest): Promise<FlistCounts> {
    const { stores, requests } = this.storesFor(request)
    const knownBlocks =
      request.previousFlist === undefined
        ? undefined
        : await readKnownBlocks(request.previousFlist, `${this.name} ${this.version}`)
    return packTree({
      source: request.source,
      flistPath: request.flistPath,
      stores: await stores,
      uploadRequests: requests,
      routes: request.routes,
      tags: request.tags,
      owner: request.owner,
      sourceDateEpoch: request.sourceDateEpoch,
      signal: request.signal,
      log: request.log,
      label: request.kind,
      encodedLengths: request.encodedLengths,
      storeContents: request.storeContents,
      knownBlocks
    })
  }

  private storesFor(request: PackRequest): SharedStores {
    const open = (): SharedStores => {
      const stores = openStores(request.writeStores, 'write', {
        signal: request.signal,
        s3Requests: request.s3Requests
      })
      stores.catch(() => undefined)
      return { stores, requests: new Semaphore(UPLOAD_CONCURRENCY) }
    }
    const { signal } = request
    if (!signal) return open()
    let bySignal = this.shared.get(request.writeStores)
    if (!bySignal) this.shared.set(request.writeStores, (bySignal = new WeakMap()))
    let shared = bySignal.get(signal)
    if (!shared) bySignal.set(signal, (shared = open()))
    return shared
  }
}

export function createNativeEngine(): NativeEngine {
  return new NativeEngine()
}
