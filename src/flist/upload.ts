// Puts encoded blocks into their stores: each blob once per run, only into the stores that lack
// it, with a bounded number of store requests in flight.
import type { RouterBlobStore } from '../store/router.js'
import { LISTING_PAGE, storeFailure, type BlobIdSet, type BlobStore } from '../store/store.js'
import { Semaphore } from './semaphore.js'
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
}

/** Pages the first listing of a store, of all of it, may take before prefixes are listed apart. */
const WHOLE_LISTING_PAGES = 16
/**
 * Pages one prefix may take at most, whatever the pack's size: names are held as strings until a
 * listing completes, and 16 prefixes are listed at once, so this bounds their memory.
 */
const PREFIX_PAGES_LIMIT = 32
/** Ids held from listings at most, over all prefixes and stores: bounds the memory they take. */
const LISTED_IDS_LIMIT = 1 << 20

/**
 * Listings go by the first hex digit of the id: 16 prefixes, each paged. Ids are uniformly spread,
 * so a prefix holds a sixteenth of the pack's blocks; fewer, fuller prefixes take fewer requests
 * than 256 nearly empty ones (and some servers walk the whole bucket for every listing request).
 */
export const LISTING_PREFIX_DIGITS = 1

/**
 * Listing a prefix costs a request per page of names, asking costs a request per blob: a prefix
 * is listed when the pack expects at least two blocks under it, and the listing is abandoned (back
 * to asking) once it has taken more pages than half of those blocks, i.e. when the prefix holds
 * far more unrelated blobs than the pack needs (or more than PREFIX_PAGES_LIMIT pages). Returns the
 * names allowed per prefix, 0: no listing.
 */
export function listingLimit(expectedBlocks: number): number {
  const perPrefix = expectedBlocks / 16 ** LISTING_PREFIX_DIGITS
  if (perPrefix < 2) return 0
  return LISTING_PAGE * Math.min(Math.floor(perPrefix / 2), PREFIX_PAGES_LIMIT)
}

export class BlockUploader {
  private readonly tally: BlobTally
  private readonly requests: Semaphore
  private readonly listLimit: number
  private readonly listings = new Map<BlobStore, StoreListings>()
  private listedIds = 0

  constructor(
    private readonly router: RouterBlobStore,
    options: UploaderOptions
  ) {
    this.tally = options.tally ?? new BlobTally()
    this.requests = new Semaphore(options.concurrency)
    this.listLimit = listingLimit(options.expectedBlocks ?? 0)
    // Stores are listed while the first blocks are being encoded, not after.
    if (this.listLimit > 0) {
      for (const { store } of router.routes) if (store.listIds) this.storeListings(store)
    }
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
    if (this.listLimit === 0) return false
    const prefix = id.slice(0, LISTING_PREFIX_DIGITS)
    return this.router
      .storesToWrite(id)
      .some(store => store.listIds !== undefined && !this.listingSettled(store, prefix))
  }

  /**
   * Whether the listings of every store responsible for the blob name it. A blob found so is
   * counted as present, once; false means it must be stored (or asked about) with `store`.
   */
  async listedEverywhere(id: string): Promise<boolean> {
    const prefix = id.slice(0, LISTING_PREFIX_DIGITS)
    const listings = await Promise.all(
      this.router.storesToWrite(id).map(store => this.listing(store, prefix))
    )
    if (!listings.every(listed => listed?.has(id))) return false
    if (this.tally.claim(id)) this.tally.settle(id, false)
    return true
  }

  /** Resolves once every store responsible for the blob holds it. */
  async store(id: string, blob: Uint8Array): Promise<void> {
    if (!this.tally.claim(id)) return
    const written = await Promise.all(
      this.router.storesToWrite(id).map(store => this.ensure(store, id, blob))
    )
    this.tally.settle(id, written.some(Boolean))
  }

  /** Stops queued requests; those already sent finish on their own. */
  stop(error: unknown): void {
    this.requests.fail(error)
  }

  private async ensure(store: BlobStore, id: string, blob: Uint8Array): Promise<boolean> {
    const listed = await this.listing(store, id.slice(0, LISTING_PREFIX_DIGITS))
    if (listed?.has(id)) return false
    await this.requests.acquire()
    try {
      // A listing that completed and lacks the blob is as good an answer as asking.
      if (!listed && (await store.exists(id))) return false
      await store.put(id, blob)
      return true
    } catch (error) {
      throw storeFailure(error, id, store)
    } finally {
      this.requests.release()
    }
  }

  /**
   * The store's ids under one prefix, listed once per run and shared by every blob under it;
   * undefined when the store cannot list, listing does not pay, or it failed (then each blob is
   * asked about: a listing never stands in for an upload it did not prove unnecessary).
   *
   * The first listing of a store is of the whole store, with a budget of a few pages: a store
   * holding little more than this pack's blobs is then known in those few requests (some servers
   * walk the whole bucket for every listing request, whatever its prefix), and a store that cannot
   * list says so once. Past the budget, each prefix is listed on its own.
   */
  private listing(store: BlobStore, prefix: string): Promise<BlobIdSet | undefined> {
    if (this.listLimit === 0 || !store.listIds) return Promise.resolve(undefined)
    const state = this.storeListings(store)
    let listing = state.byPrefix.get(prefix)
    if (!listing) {
      listing = this.listPrefix(store, prefix, state.whole)
      state.byPrefix.set(prefix, listing)
      void listing.then(() => state.settled.add(prefix))
    }
    return listing
  }

  private listingSettled(store: BlobStore, prefix: string): boolean {
    // Asking about a prefix starts its listing if nothing has yet.
    void this.listing(store, prefix)
    return this.listings.get(store)!.settled.has(prefix)
  }

  private storeListings(store: BlobStore): StoreListings {
    let state = this.listings.get(store)
    if (!state) {
      const limit = Math.min(WHOLE_LISTING_PAGES * LISTING_PAGE, this.listLimit)
      state = { whole: this.listOnce(store, '', limit), byPrefix: new Map(), settled: new Set() }
      this.listings.set(store, state)
    }
    return state
  }

  private async listPrefix(
    store: BlobStore,
    prefix: string,
    whole: Promise<BlobIdSet | undefined | null>
  ): Promise<BlobIdSet | undefined> {
    const all = await whole
    if (all === null) return undefined
    if (all) return all
    return (await this.listOnce(store, prefix, this.listLimit)) ?? undefined
  }

  /** undefined: more names than `limit`; null: the listing failed. */
  private async listOnce(
    store: BlobStore,
    prefix: string,
    limit: number
  ): Promise<BlobIdSet | undefined | null> {
    if (this.listedIds >= LISTED_IDS_LIMIT) return undefined
    try {
      await this.requests.acquire()
    } catch {
      return undefined
    }
    try {
      const ids = await store.listIds!(prefix, limit)
      if (ids) this.listedIds += ids.size
      return ids
    } catch {
      return null
    } finally {
      this.requests.release()
    }
  }
}

interface StoreListings {
  /** The first listing: of the whole store, within WHOLE_LISTING_PAGES pages. */
  whole: Promise<BlobIdSet | undefined | null>
  byPrefix: Map<string, Promise<BlobIdSet | undefined>>
  /** Prefixes whose listing has come (or given up). */
  settled: Set<string>
}
