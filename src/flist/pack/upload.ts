// Puts encoded blocks into their stores: each blob once per run, only into the stores that lack
// it whole, with a bounded number of store requests in flight.
import type { StoreRouter } from '../../store/router.js'
import { storeFailure, type BlobStore } from '../../store/store.js'
import { StoreListings } from '../blobs/listings.js'
import type { StoreContents } from '../blobs/contents.js'
import { Semaphore } from '../../common/semaphore.js'
import { BlobTally, type UploadCounts } from './tally.js'

export interface UploaderOptions {
  /** Store requests in flight at once. */
  concurrency: number
  /**
   * Blocks the pack expects to store (repeats included). With enough of them, the presence of
   * blobs is read from store listings, one per id prefix, rather than asked blob by blob.
   */
  expectedBlocks?: number
  /** Where outcomes are counted; the uploader's own when absent. */
  tally?: BlobTally
  /**
   * The permits for store requests, when shared with packs running beside this one (one limit
   * for them all); `concurrency` of the uploader's own otherwise.
   */
  requests?: Semaphore
  /** Where the listings taken and the blobs found or put are recorded, for the checks after. */
  contents?: StoreContents
}

export class BlockUploader {
  private readonly tally: BlobTally
  private readonly requests: Semaphore
  private readonly listings: StoreListings
  private readonly contents: StoreContents | undefined

  constructor(
    private readonly router: StoreRouter,
    options: UploaderOptions
  ) {
    this.tally = options.tally ?? new BlobTally()
    this.requests = options.requests ?? new Semaphore(options.concurrency)
    this.contents = options.contents
    this.listings = new StoreListings(
      router,
      options.expectedBlocks ?? 0,
      this.requests,
      options.contents
    )
    // Stores are listed while the first blocks are being encoded, not after.
    this.listings.start()
  }

  get counts(): UploadCounts {
    return this.tally.counts
  }

  /**
   * Whether a listing that will answer for this blob is still on its way. The caller can then
   * let go of the blob rather than hold it (and the memory it counts against) meanwhile, and ask
   * `listedEverywhere` once the listings are in.
   */
  awaitsListing(id: string): boolean {
    if (!this.listings.listing) return false
    return this.router.storesToWrite(id).some(store => !this.listings.settled(store, id))
  }

  /**
   * Whether the listings of every store responsible for the blob name it, `length` bytes long. A
   * blob found so is counted as present, once; false means it must be stored (or asked about)
   * with `store`.
   */
  async listedEverywhere(id: string, length: number): Promise<boolean> {
    const sizes = await Promise.all(
      this.router.storesToWrite(id).map(async store => {
        const listing = await this.listings.of(store, id)
        return listing && (await listing.storedSize(id))
      })
    )
    if (!sizes.every(size => size === length)) return false
    if (this.tally.claim(id)) this.tally.settle(false)
    return true
  }

  /**
   * The size every store responsible for the blob holds it at, from their listings or, where
   * none is taken, by asking; undefined when any lacks it or they disagree. For a blob whose id
   * is known but whose encoded length is not: the stored size is then taken as its length. A
   * blob found so is counted as present, once.
   */
  async heldSize(id: string): Promise<number | undefined> {
    const sizes = await Promise.all(
      this.router.storesToWrite(id).map(store =>
        this.listings.storedSize(store, id).catch(error => {
          throw storeFailure(error, id, store)
        })
      )
    )
    const size = sizes[0]
    if (size === undefined || !sizes.every(other => other === size)) return undefined
    if (this.tally.claim(id)) this.tally.settle(false)
    return size
  }

  /** Resolves once every store responsible for the blob holds it. */
  async store(id: string, blob: Uint8Array): Promise<void> {
    if (!this.tally.claim(id)) return
    const written = await Promise.all(
      this.router.storesToWrite(id).map(store => this.ensure(store, id, blob))
    )
    this.tally.settle(written.some(Boolean))
  }

  /** Stops queued requests; those already sent finish on their own. */
  stop(error: unknown): void {
    this.requests.fail(error)
  }

  /**
   * Puts the blob unless the store holds it whole: a stored size other than the blob's is what a
   * cut-off upload leaves on a server that writes objects in place, and is written over.
   */
  private async ensure(store: BlobStore, id: string, blob: Uint8Array): Promise<boolean> {
    const listed = await this.listings.of(store, id)
    if (listed && (await listed.storedSize(id)) === blob.byteLength) return false
    await this.requests.acquire()
    try {
      // A listing that completed and lacks the blob is as good an answer as asking.
      if (!listed && (await store.storedSize(id)) === blob.byteLength) {
        this.contents?.holds(store, id, blob.byteLength)
        return false
      }
      await store.put(id, blob)
      this.contents?.holds(store, id, blob.byteLength)
      return true
    } catch (error) {
      throw storeFailure(error, id, store)
    } finally {
      this.requests.release()
    }
  }
}
