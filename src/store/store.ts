import { isUserError, oneLine, UserError } from '../errors.js'

/**
 * Names one listing request returns at most: an S3 ListObjects page. Listings are paged this way
 * and priced in these pages against asking blob by blob.
 */
export const LISTING_PAGE = 1000

/** A content-addressed blob store. Blob names are the lower-case hex of the block id. */
export interface BlobStore {
  /** Human-readable location without secrets, for logs and errors. */
  readonly display: string
  exists(id: string): Promise<boolean>
  /** The blob, or undefined when the store does not hold it. */
  get(id: string): Promise<Buffer | undefined>
  put(id: string, blob: Uint8Array): Promise<void>
  /**
   * Every blob id the store holds that starts with `prefix` (two hex digits), or undefined once
   * more than `limit` names turn up under it: then the caller asks `exists` blob by blob. Stores
   * that can enumerate cheaply implement it; a listing is a snapshot, so a blob it lacks may still
   * be written by someone else meanwhile (writing it again is harmless).
   */
  listIds?(prefix: string, limit: number): Promise<BlobIdSet | undefined>
}

/** A failed put as the user reads it: S3 failures already name the object, the endpoint and what to check. */
export function storeFailure(error: unknown, id: string, store: BlobStore): unknown {
  if (isUserError(error)) return error
  return new UserError(`storing block ${id} in ${store.display} failed: ${oneLine(error)}`)
}

/** Blob ids held compactly (32 bytes each, sorted), for presence checks against a listing. */
export class BlobIdSet {
  readonly size: number
  private readonly sorted: Buffer

  /** `ids`: lower-case hex ids; other names (not 64 hex digits) are left out. */
  constructor(ids: Iterable<string>) {
    const valid = [...ids].filter(id => BLOB_ID.test(id)).sort()
    this.sorted = Buffer.alloc(valid.length * 32)
    let previous = ''
    let count = 0
    for (const id of valid) {
      if (id === previous) continue
      this.sorted.write(id, count * 32, 'hex')
      previous = id
      count++
    }
    this.size = count
  }

  has(id: string): boolean {
    if (!BLOB_ID.test(id)) return false
    const wanted = Buffer.from(id, 'hex')
    let low = 0
    let high = this.size - 1
    while (low <= high) {
      const middle = (low + high) >>> 1
      const order = this.sorted.compare(wanted, 0, 32, middle * 32, middle * 32 + 32)
      if (order === 0) return true
      if (order < 0) low = middle + 1
      else high = middle - 1
    }
    return false
  }
}

const BLOB_ID = /^[0-9a-f]{64}$/
