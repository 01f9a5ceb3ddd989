import { isUserError, oneLine, UserError } from '../common/errors.js'

/**
 * Names one listing request returns at most: an S3 ListObjects page. Listings are paged this way
 * and priced in these pages against asking blob by blob.
 */
export const LISTING_PAGE = 1000

/** A content-addressed blob store. Blob names are the lower-case hex of the block id. */
export interface BlobStore {
  /** Human-readable location without secrets, for logs and errors. */
  readonly display: string
  /**
   * Bytes the store holds under the id, or undefined when it holds nothing there. A blob counts
   * as present only when this is its encoded length: an upload cut off on a server that writes
   * objects in place leaves the front of a blob under its real id.
   */
  storedSize(id: string): Promise<number | undefined>
  /** The blob, or undefined when the store does not hold it. */
  get(id: string): Promise<Buffer | undefined>
  put(id: string, blob: Uint8Array): Promise<void>
  /**
   * The blobs the store holds whose ids start with `prefix` (up to two hex digits), or undefined
   * once more than `limit` names turn up under it: then the caller asks blob by blob. Stores
   * that can enumerate cheaply implement it; a listing is a snapshot, so a blob it lacks may still
   * be written by someone else meanwhile (writing it again is harmless).
   */
  listIds?(prefix: string, limit: number): Promise<BlobListing | undefined>
}

/** What one listing of a store says of the blobs it named. */
export interface BlobListing {
  /** Blobs named. */
  readonly size: number
  /** The stored size of a blob the listing named; undefined for one it did not (or now gone). */
  storedSize(id: string): Promise<number | undefined>
}

/** A failed put as the user reads it: S3 failures already name the object, the endpoint and what to check. */
export function storeFailure(error: unknown, id: string, store: BlobStore): unknown {
  if (isUserError(error)) return error
  return new UserError(`storing block ${id} in ${store.display} failed: ${oneLine(error)}`)
}

/** A listed blob: its id and, when the listing gave it, its stored size. */
export type ListedBlob = string | readonly [id: string, size: number]

/**
 * Blob ids held compactly (32 bytes each, sorted) with the sizes a listing gave, for presence
 * checks against it.
 */
export class BlobIdSet implements BlobListing {
  readonly size: number
  private readonly sorted: Buffer
  /** Stored sizes in id order; NaN where the listing gave none. */
  private readonly sizes: Float64Array

  /** `blobs`: lower-case hex ids, with sizes or not; names not of 64 hex digits are left out. */
  constructor(blobs: Iterable<ListedBlob>) {
    const valid: Array<readonly [string, number]> = []
    for (const blob of blobs) {
      const [id, size] = typeof blob === 'string' ? [blob, Number.NaN] : blob
      if (BLOB_ID.test(id)) valid.push([id, size])
    }
    valid.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    this.sorted = Buffer.alloc(valid.length * 32)
    this.sizes = new Float64Array(valid.length)
    let previous = ''
    let count = 0
    for (const [id, size] of valid) {
      if (id === previous) continue
      this.sorted.write(id, count * 32, 'hex')
      this.sizes[count] = size
      previous = id
      count++
    }
    this.size = count
  }

  has(id: string): boolean {
    return this.indexOf(id) >= 0
  }

  /** The size the listing gave; undefined when it did not name the blob, or gave no size. */
  sizeOf(id: string): number | undefined {
    const index = this.indexOf(id)
    if (index < 0 || Number.isNaN(this.sizes[index])) return undefined
    return this.sizes[index]
  }

  async storedSize(id: string): Promise<number | undefined> {
    return this.sizeOf(id)
  }

  private indexOf(id: string): number {
    if (!BLOB_ID.test(id)) return -1
    const wanted = Buffer.from(id, 'hex')
    let low = 0
    let high = this.size - 1
    while (low <= high) {
      const middle = (low + high) >>> 1
      const order = this.sorted.compare(wanted, 0, 32, middle * 32, middle * 32 + 32)
      if (order === 0) return middle
      if (order < 0) low = middle + 1
      else high = middle - 1
    }
    return -1
  }
}

const BLOB_ID = /^[0-9a-f]{64}$/
