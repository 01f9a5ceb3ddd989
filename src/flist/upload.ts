// Puts encoded blocks into their stores: each blob once per run, only into the stores that lack
// it, with a bounded number of store requests in flight.
import type { RouterBlobStore } from '../store/router.js'
import type { BlobStore } from '../store/store.js'
import { Semaphore } from './semaphore.js'

export interface UploadCounts {
  /** Distinct blobs written to at least one store. */
  uploaded: number
  /** Distinct blobs every responsible store already held. */
  present: number
  /** Blocks whose blob was already handled earlier in this run. */
  repeated: number
}

export class BlockUploader {
  readonly counts: UploadCounts = { uploaded: 0, present: 0, repeated: 0 }
  private readonly seen = new Set<string>()
  private readonly requests: Semaphore

  constructor(
    private readonly router: RouterBlobStore,
    concurrency: number
  ) {
    this.requests = new Semaphore(concurrency)
  }

  /** Resolves once every store responsible for the blob holds it. */
  async store(id: string, blob: Uint8Array): Promise<void> {
    if (this.seen.has(id)) {
      this.counts.repeated++
      return
    }
    this.seen.add(id)
    const written = await Promise.all(
      this.router.storesFor(id).map(store => this.ensure(store, id, blob))
    )
    if (written.length === 0)
      throw new Error(`no store takes blobs starting with ${id.slice(0, 2)}`)
    if (written.some(Boolean)) this.counts.uploaded++
    else this.counts.present++
  }

  /** Stops queued requests; those already sent finish on their own. */
  stop(error: unknown): void {
    this.requests.fail(error)
  }

  private async ensure(store: BlobStore, id: string, blob: Uint8Array): Promise<boolean> {
    await this.requests.acquire()
    try {
      if (await store.exists(id)) return false
      await store.put(id, blob)
      return true
    } catch (error) {
      throw new Error(
        `block ${id} to ${store.display}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error }
      )
    } finally {
      this.requests.release()
    }
  }
}
